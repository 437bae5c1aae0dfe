import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// ±1 step of 30 s tolerates phone clock drift without widening the replay window much.
authenticator.options = { window: 1, step: 30, digits: 6 };

export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpCode(secret: string, at?: Date): string {
  if (at) {
    const saved = authenticator.options;
    authenticator.options = { ...saved, epoch: at.getTime() };
    try {
      return authenticator.generate(secret);
    } finally {
      authenticator.options = saved;
    }
  }
  return authenticator.generate(secret);
}

export function verifyTotp(secret: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const saved = authenticator.options;
  authenticator.options = { ...saved, epoch: at.getTime() };
  try {
    return authenticator.check(code, secret);
  } finally {
    authenticator.options = saved;
  }
}

export async function totpEnrolment(username: string, secret: string): Promise<{ otpauthUrl: string; qrDataUrl: string }> {
  const otpauthUrl = authenticator.keyuri(username, 'wangan 网安监督检查', secret);
  return { otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) };
}
