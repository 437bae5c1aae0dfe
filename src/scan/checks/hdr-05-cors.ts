import { CORS_PROBE_ORIGIN, headerOf } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { headerRef } from './refs';

/** HDR-05: the https home answers our probe Origin (or *) together with Allow-Credentials: true. */
export const cors = defineCheck({
  id: 'HDR-05', version: 1, category: 'headers', must: true,
  title: { zh: '跨域资源共享配置不当', en: 'Permissive CORS' },
  probes: [],
  results: {
    pass: PASS,
    reflects_with_credentials: { severity: 'high', points: -30, cites: TECH },
    wildcard_with_credentials: { severity: 'high', points: -30, cites: TECH },
    reflects_origin: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const cap = ev.https?.final;
    if (!cap || cap.status === null) return null;
    const acao = headerOf(cap, 'access-control-allow-origin')?.trim();
    const creds = headerOf(cap, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
    const evidence = [
      headerRef(cap, { walk: 'https' }, 'access-control-allow-origin'),
      headerRef(cap, { walk: 'https' }, 'access-control-allow-credentials'),
    ];
    if (acao === CORS_PROBE_ORIGIN) return { result: creds ? 'reflects_with_credentials' : 'reflects_origin', evidence };
    if (acao === '*' && creds) return { result: 'wildcard_with_credentials', evidence };
    return { result: 'pass' };
  },
});
