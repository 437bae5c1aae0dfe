import { AppError } from '../errors';
import { weakPasswords } from './weak-passwords';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Length plus a breach-style check: the common-password list, the same list with digits and
 * symbols stripped (Password2024! → password), and the username inside the password.
 */
export function assertPasswordAcceptable(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 128) problems.push('at most 128 characters');
  const lower = password.toLowerCase();
  const letters = lower.replace(/[^a-z]/g, '');
  if (weakPasswords.has(lower) || (letters.length >= 4 && weakPasswords.has(letters)) || /^(.)\1+$/.test(password)) {
    problems.push('not a commonly used or breached password');
  }
  if (username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('must not contain the username');
  if (new Set(password).size < 5) problems.push('at least 5 different characters');
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `password rejected: ${problems.join('; ')}`, {
      fields: [{ path: 'password', message: problems.join('; ') }],
    });
  }
}
