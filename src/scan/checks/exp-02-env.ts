import { notHtml, probeHit } from '../analyze/probes';
import { PROBES, type Capture } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRef } from './refs';

const SECRET_NAME = /KEY|SECRET|PASS|PWD|TOKEN|CREDENTIAL|^DB_|DATABASE|MYSQL|REDIS|POSTGRES/;

/** `.env` shape: ≥ 2 `NAME=` lines, one naming a key, database or password/secret. */
export function envSignature(c: Capture): boolean {
  if (!notHtml(c)) return false;
  const names = [...c.body.matchAll(/^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');
  return names.length >= 2 && names.some((n) => SECRET_NAME.test(n));
}

/** EXP-02: an exposed .env file. */
export const exposedEnv = defineCheck({
  id: 'EXP-02', version: 1, category: 'exposure', must: true,
  title: { zh: '.env 配置文件泄露', en: 'Exposed .env file' },
  probes: PROBES.env,
  results: { pass: PASS, exposed: { severity: 'high', points: -40, cap: 'D', cites: TECH } },
  analyze(ev) {
    const hit = probeHit(ev, '/.env', envSignature);
    if (!hit) return { result: 'pass' };
    // The excerpt carries names only: values are secrets the evidence store must not keep.
    const names = [...hit.capture.body.matchAll(/^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '').slice(0, 30);
    const ref = bodyRef(hit, 0, 0);
    return { result: 'exposed', key: '/.env', detail: { names }, evidence: [{ ...ref, excerpt: names.map((n) => `${n}=…`).join('\n') }] };
  },
});
