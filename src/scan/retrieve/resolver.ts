import { promises as dnsPromises } from 'node:dns';
import net from 'node:net';
import type { DnsErrorCode, Evidence } from '../evidence';

/** What resolution yields, exactly as Evidence records it. */
export type DnsAnswer = Evidence['dns'];

export type HostResolver = {
  resolve(host: string): Promise<DnsAnswer>;
};

/** Maps the port a URL names (80, 443 …) to the port actually dialled; identity in production. */
export type PortMap = (host: string, port: number) => number;

export const identityPorts: PortMap = (_host, port) => port;

/** A DNS error worth retrying: the name may resolve on a later attempt. */
export function isTemporaryDnsError(code: DnsErrorCode | undefined): boolean {
  return code === 'servfail' || code === 'timeout' || code === 'refused';
}

// ---- static map (tests, benchmarks: no real DNS) ------------------------------------------

export type StaticHostEntry = { ip: string; httpPort?: number; httpsPort?: number };
export type StaticHostMap = Record<string, StaticHostEntry>;

/**
 * Resolver and port remap from a fixed name → address map, such as the fixture farm's.
 * Unknown names are NXDOMAIN: a test can never fall through to real DNS.
 */
export function staticNetwork(map: StaticHostMap): { resolver: HostResolver; ports: PortMap } {
  const entries = new Map(Object.entries(map).map(([h, e]) => [h.toLowerCase(), e]));
  return {
    resolver: {
      resolve: async (host) => {
        const e = entries.get(host.toLowerCase());
        if (!e) return { a: [], aaaa: [], cname: [], error: 'nxdomain' };
        const v6 = net.isIPv6(e.ip);
        return { a: v6 ? [] : [e.ip], aaaa: v6 ? [e.ip] : [], cname: [] };
      },
    },
    ports: (host, port) => {
      const e = entries.get(host.toLowerCase());
      if (port === 80 && e?.httpPort) return e.httpPort;
      if (port === 443 && e?.httpsPort) return e.httpsPort;
      return port;
    },
  };
}

// ---- c-ares (production) -----------------------------------------------------------------

export type CaresOptions = {
  /** DNS servers; the system's when omitted. */
  servers?: string[];
  /** Per-query timeout, ms. */
  timeoutMs?: number;
  /** Attempts per query inside c-ares. */
  tries?: number;
  /** Upper bound of the positive cache, seconds (spec §5.1: 300). */
  maxTtlSeconds?: number;
  /** Lifetime of a cached NXDOMAIN / no-address answer, seconds (spec §5.1: 60). */
  negativeTtlSeconds?: number;
  now?: () => number;
};

type Cached = { answer: DnsAnswer; expires: number };

function dnsCode(err: unknown): DnsErrorCode | 'nodata' {
  const code = (err as { code?: unknown })?.code;
  switch (code) {
    case 'ENOTFOUND': return 'nxdomain';
    case 'ENODATA': return 'nodata';
    case 'ESERVFAIL': return 'servfail';
    case 'ETIMEOUT': return 'timeout';
    case 'ECONNREFUSED':
    case 'EREFUSED': return 'refused';
    default: return 'other';
  }
}

/**
 * c-ares resolver (not the 4-thread `dns.lookup` pool, which stalls under load) with a small
 * cache: answers for min(TTL, 300 s), NXDOMAIN and empty answers for 60 s. Temporary failures
 * are not cached, so a retry really asks again.
 */
export function caresResolver(opts: CaresOptions = {}): HostResolver {
  const r = new dnsPromises.Resolver({ timeout: opts.timeoutMs ?? 3000, tries: opts.tries ?? 2 });
  if (opts.servers?.length) r.setServers(opts.servers);
  const now = opts.now ?? Date.now;
  const maxTtl = opts.maxTtlSeconds ?? 300;
  const negTtl = opts.negativeTtlSeconds ?? 60;
  const cache = new Map<string, Cached>();

  async function lookup(host: string): Promise<{ answer: DnsAnswer; ttl: number | null }> {
    const [a, aaaa, cname] = await Promise.allSettled([
      r.resolve4(host, { ttl: true }), r.resolve6(host, { ttl: true }), r.resolveCname(host),
    ]);
    const answer: DnsAnswer = {
      a: a.status === 'fulfilled' ? a.value.map((x) => x.address) : [],
      aaaa: aaaa.status === 'fulfilled' ? aaaa.value.map((x) => x.address) : [],
      cname: cname.status === 'fulfilled' ? cname.value : [],
    };
    const ttls = [a, aaaa].flatMap((s) => (s.status === 'fulfilled' ? s.value.map((x) => x.ttl) : []));
    if (answer.a.length + answer.aaaa.length > 0) return { answer, ttl: Math.min(maxTtl, ...ttls) };
    const codes = [a, aaaa].map((s) => (s.status === 'rejected' ? dnsCode(s.reason) : 'nodata'));
    const hard = codes.filter((c): c is DnsErrorCode => c !== 'nodata');
    const error: DnsErrorCode = hard.includes('nxdomain') ? 'nxdomain' : hard[0] ?? 'no_address';
    return { answer: { ...answer, error }, ttl: isTemporaryDnsError(error) || error === 'other' ? null : negTtl };
  }

  return {
    resolve: async (rawHost) => {
      const host = rawHost.toLowerCase();
      if (net.isIP(host)) {
        return net.isIPv6(host) ? { a: [], aaaa: [host], cname: [] } : { a: [host], aaaa: [], cname: [] };
      }
      const hit = cache.get(host);
      if (hit && hit.expires > now()) return hit.answer;
      const { answer, ttl } = await lookup(host);
      if (ttl !== null) cache.set(host, { answer, expires: now() + ttl * 1000 });
      else cache.delete(host);
      if (cache.size > 50_000) {
        for (const [k, v] of cache) if (v.expires <= now()) cache.delete(k);
      }
      return answer;
    },
  };
}

/** The address to dial: the first A record, else the first AAAA; null when there is none. */
export function pickAddress(answer: DnsAnswer): string | null {
  return answer.a[0] ?? answer.aaaa[0] ?? null;
}
