import { trustProblem } from '../analyze/certs';
import { TECH } from './cites';
import { defineCheck, PASS, type ResultSpec } from './define';

const UNTRUSTED: ResultSpec = { severity: 'high', points: -30, trust: true, cites: TECH };

/** TLS-05: self-signed, issuer not sent, or unknown root (no AIA fetch). */
export const untrustedChain = defineCheck({
  id: 'TLS-05', version: 1, category: 'tls', must: true,
  title: { zh: '证书不受信任', en: 'Untrusted certificate' },
  probes: [],
  results: {
    pass: PASS,
    self_signed: UNTRUSTED,
    incomplete_chain: UNTRUSTED,
    untrusted_root: UNTRUSTED,
    untrusted: UNTRUSTED,
  },
  analyze(ev) {
    if (!ev.tls || ev.tls.chain.length === 0) return null;
    const problem = trustProblem(ev);
    if (!problem) return { result: 'pass' };
    return {
      result: problem,
      detail: { authorizationError: ev.tls.authorizationError, chainLength: ev.tls.chain.length },
      evidence: [{ kind: 'chain' }],
    };
  },
});
