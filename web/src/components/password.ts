import type { FormRule as Rule } from 'antd';
import type { Translate } from '../i18n';

/** The server's password policy, checked as the user types (the server checks again, plus the breach list). */
export function passwordRules(t: Translate, username?: () => string | undefined): Rule[] {
  return [
    { required: true, message: t('password.required') },
    { min: 12, message: t('password.tooShort') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value.length === 0) return;
        if (new Set(value).size < 5) throw new Error(t('password.tooFewChars'));
        const name = username?.()?.toLowerCase();
        if (name && name.length >= 3 && value.toLowerCase().includes(name)) throw new Error(t('password.containsUsername'));
      },
    },
  ];
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789@#%+=';

/** A random 16-character temporary password (no look-alike characters). */
export function generatePassword(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  // Guarantee the mix the policy and people expect.
  return `${out.slice(0, length - 3)}7k#`;
}
