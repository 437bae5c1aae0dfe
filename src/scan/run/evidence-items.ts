/**
 * What a finding's evidence references point at, cut out of the bundle and keyed by sha256
 * (spec §2.3): ≤ 2 KB excerpts, header sets, certificates (PEM + facts), chains, DNS answers,
 * the history and baseline consulted, and the whole home body (gzip) for content findings only.
 */

import { gzipSync } from 'node:zlib';
import { canonicalJson, sha256Hex } from '../../lib/canonical';
import type { CaptureRef, Finding } from '../analyze';
import type { EvidenceRef, Json } from '../checks/define';
import type { Capture, CertFacts, Evidence, Exchange } from '../evidence';

export const EXCERPT_MAX = 2048;

export type EvidenceItem = {
  sha256: string;
  kind: 'status' | 'headers' | 'excerpt' | 'certificate' | 'chain' | 'dns' | 'history' | 'baseline' | 'body';
  content: Record<string, Json>;
  /** Whole body, gzip: content findings only. */
  bodyGzip: Buffer | null;
  bytes: number;
};

function exchangeOf(ev: Evidence, walk: 'http' | 'https' | 'spider'): Exchange | null {
  return walk === 'http' ? ev.http : walk === 'https' ? ev.https : ev.spider;
}

/** The capture a reference names, or null when the bundle lacks it. */
export function captureOf(ev: Evidence, ref: CaptureRef): Capture | null {
  if ('probe' in ref) return ev.probes[ref.probe] ?? null;
  const ex = exchangeOf(ev, ref.walk);
  if (!ex) return null;
  return ref.hop === undefined ? ex.final : (ex.hops[ref.hop] ?? null);
}

function headersJson(cap: Capture): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(cap.headers)) out[k] = v;
  return out;
}

function certJson(c: CertFacts): Record<string, Json> {
  return {
    subject: c.subject, subjectCN: c.subjectCN, issuer: c.issuer, issuerCN: c.issuerCN, sanDns: c.sanDns, sanIps: c.sanIps,
    notBefore: c.notBefore, notAfter: c.notAfter, keyType: c.keyType, keyBits: c.keyBits,
    signatureAlgorithm: c.signatureAlgorithm, selfSigned: c.selfSigned, fingerprint256: c.fingerprint256, pem: c.pem,
  };
}

function item(kind: EvidenceItem['kind'], content: Record<string, Json>, body: Buffer | null = null): EvidenceItem {
  const text = canonicalJson(content);
  const gz = body ? gzipSync(body) : null;
  const sha256 = sha256Hex(gz ? `${text}\n${sha256Hex(body as Buffer)}` : text);
  return { sha256, kind, content, bodyGzip: gz, bytes: text.length + (gz?.length ?? 0) };
}

/** Materialises one reference; null when what it points at is not in the bundle. */
export function evidenceItemOf(ev: Evidence, ref: EvidenceRef): EvidenceItem | null {
  switch (ref.kind) {
    case 'status': {
      const cap = captureOf(ev, ref.capture);
      return item('status', { url: ref.url, status: ref.status, error: cap?.error ?? null, ip: cap?.ip ?? null });
    }
    case 'header': {
      const cap = captureOf(ev, ref.capture);
      if (!cap) return null;
      return item('headers', { url: cap.url, status: cap.status, headers: headersJson(cap) });
    }
    case 'body': {
      const cap = captureOf(ev, ref.capture);
      return item('excerpt', {
        url: cap?.url ?? null, start: ref.start, end: ref.end, excerpt: ref.excerpt.slice(0, EXCERPT_MAX),
      });
    }
    case 'certificate': {
      const cert = ev.tls?.chain[ref.index];
      return cert ? item('certificate', { index: ref.index, ...certJson(cert) }) : null;
    }
    case 'chain': {
      const tls = ev.tls;
      if (!tls) return null;
      return item('chain', {
        protocol: tls.protocol, cipher: tls.cipher, authorized: tls.authorized, authorizationError: tls.authorizationError,
        versions: { ...tls.versions }, chain: tls.chain.map(certJson),
      });
    }
    case 'dns':
      return item('dns', {
        host: ev.target.host, a: ev.dns.a, aaaa: ev.dns.aaaa, cname: ev.dns.cname, error: ev.dns.error ?? null,
        registeredIps: ev.target.registered.ips,
      });
    case 'history':
      return item('history', {
        tasks: ev.history.tasks.map((t) => ({ scannedAt: t.scannedAt, siteStatus: t.siteStatus, signals: t.signals })),
        unchangedSince: ev.history.unchangedSince,
      });
    case 'baseline': {
      const b = ev.baseline;
      if (!b) return null;
      return item('baseline', {
        capturedAt: b.capturedAt, title: b.title, meta: b.meta, linkHosts: b.linkHosts, scriptHosts: b.scriptHosts,
        excerpt: b.excerpt.slice(0, EXCERPT_MAX),
      });
    }
    default:
      return null;
  }
}

/** Content findings keep the whole page they judged (gzip), so a reviewer sees what the scanner saw. */
function homeBodyItem(ev: Evidence, finding: Finding): EvidenceItem | null {
  if (!finding.checkId.startsWith('CNT-')) return null;
  const ref = finding.evidence.find((r): r is Extract<EvidenceRef, { capture: CaptureRef }> => 'capture' in r);
  const cap = ref ? captureOf(ev, ref.capture) : (ev.https?.final.status ? ev.https.final : ev.http?.final ?? null);
  if (!cap || cap.status === null) return null;
  return item('body', {
    url: cap.url, status: cap.status, bodyBytes: cap.bodyBytes, truncated: cap.truncated,
    contentType: typeof cap.headers['content-type'] === 'string' ? cap.headers['content-type'] : null,
  }, Buffer.from(cap.body, 'utf8'));
}

/** The evidence items of one finding (deduplicated) and their keys in reference order. */
export function evidenceOfFinding(ev: Evidence, finding: Finding): { items: EvidenceItem[]; keys: string[] } {
  const items = new Map<string, EvidenceItem>();
  for (const ref of finding.evidence) {
    const it = evidenceItemOf(ev, ref);
    if (it && !items.has(it.sha256)) items.set(it.sha256, it);
  }
  const body = homeBodyItem(ev, finding);
  if (body && !items.has(body.sha256)) items.set(body.sha256, body);
  return { items: [...items.values()], keys: [...items.keys()] };
}
