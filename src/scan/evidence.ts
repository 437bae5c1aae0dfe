/**
 * The evidence bundle: everything retrieval captured for one task (one site within a scan).
 * Checks are pure functions of it, so it is plain serialisable JSON (strings, numbers,
 * booleans, arrays, records, null): a bundle written to test/fixtures/scan/<name>.json
 * replays a task exactly. Retrieval (src/scan/retrieve/) builds it; analysis reads it.
 */

/** Retrieval profiles, smallest first (spec §2.4). */
export type ScanProfile = 'http' | 'standard' | 'full';
export const SCAN_PROFILES: readonly ScanProfile[] = ['http', 'standard', 'full'];

/** Why a DNS lookup gave no usable address. */
export type DnsErrorCode = 'nxdomain' | 'servfail' | 'no_address' | 'timeout' | 'refused' | 'other';

/**
 * Why a request got no HTTP response. `tls` = handshake failed; `scope` = the connector refused
 * the address (off-scope or private); `budget` = site budget spent before the request was made.
 */
export type NetErrorCode = 'refused' | 'timeout' | 'reset' | 'tls' | 'dns' | 'scope' | 'budget' | 'other';

/**
 * Response headers with lower-case names. Every value is a string (repeated headers joined with
 * ", ") except `set-cookie`, which is a string[] with one entry per header line.
 */
export type CaptureHeaders = Record<string, string | string[]>;

/** One request and its response (or the network error instead of one). */
export type Capture = {
  /** Absolute URL requested. */
  url: string;
  /** HTTP status; null when no response arrived (see `error`). */
  status: number | null;
  /** Response headers, see CaptureHeaders. Empty when no response. */
  headers: CaptureHeaders;
  /** Body decoded as text (charset from header, then <meta>, else UTF-8), cut at the read cap. */
  body: string;
  /** Raw bytes read from the wire (after decompression), at most the read cap. */
  bodyBytes: number;
  /** Hex of the first ≤ 64 raw body bytes, for magic-byte signatures of binary files. */
  headHex: string;
  /** True when the read cap cut the body (or a Range request was ignored and the stream was cut). */
  truncated: boolean;
  /** Remote IP address the connection used; null when none was connected. */
  ip: string | null;
  /** Wall time from request start to the end of the body read. */
  timingMs: number;
  /** Set when no response arrived. */
  error?: NetErrorCode;
};

/** A redirect response of a walk and where it pointed. */
export type Hop = Capture & {
  /** Absolute URL the redirect points to. */
  next: string;
  /** How it redirected: Location header, `<meta http-equiv=refresh>`, or a script `location=`. */
  via: 'header' | 'meta' | 'script';
};

/** A walk: a GET that follows same-host redirects up to the hop limit. */
export type Exchange = {
  /** Redirect responses that were followed, in order. */
  hops: Hop[];
  /**
   * The last response fetched, or the network error of the last attempt. When the walk stopped
   * early (stopReason set) it is the redirect response that was not followed.
   */
  final: Capture;
  /** Why the walk stopped early: an off-host redirect (not followed), a loop, or > 10 hops. */
  stopReason: 'off_host' | 'loop' | 'max_hops' | null;
  /** The redirect target that was recorded but not followed when stopReason = 'off_host'. */
  offHostTarget: string | null;
};

/** Facts of one certificate as sent by the server. */
export type CertFacts = {
  /** Subject distinguished name, e.g. "CN=www.example.cn, O=Example". */
  subject: string;
  /** Subject common name, if any. */
  subjectCN: string | null;
  /** Issuer distinguished name. */
  issuer: string;
  /** Issuer common name, if any. */
  issuerCN: string | null;
  /** subjectAltName DNS names (lower case, may start with "*."). */
  sanDns: string[];
  /** subjectAltName IP addresses. */
  sanIps: string[];
  /** Validity start, ISO 8601. */
  notBefore: string;
  /** Validity end, ISO 8601. */
  notAfter: string;
  /** Public key algorithm. */
  keyType: 'RSA' | 'EC' | 'DSA' | 'DH' | 'Ed25519' | 'Ed448' | 'other';
  /** Key size in bits (RSA modulus, EC curve order size). */
  keyBits: number;
  /** Signature algorithm name, e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256"; null if unknown. */
  signatureAlgorithm: string | null;
  /** Subject equals issuer and the signature verifies with its own key. */
  selfSigned: boolean;
  /** SHA-256 fingerprint, colon-separated hex as Node prints it. */
  fingerprint256: string;
  /** The certificate in PEM, for the evidence store. */
  pem: string;
};

/** Whether a handshake pinned to exactly this version succeeded; null = not probed. */
export type TlsVersionProbes = {
  tls1_0: boolean | null;
  tls1_1: boolean | null;
  tls1_2: boolean | null;
  tls1_3: boolean | null;
};

/** TLS facts of the https home walk's first connection; null when no handshake completed. */
export type TlsFacts = {
  /** Negotiated protocol as Node names it: "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1". */
  protocol: string;
  /** Negotiated cipher suite (OpenSSL or IANA name). */
  cipher: string;
  /** Node's verdict against Mozilla + configured roots (no AIA fetch). */
  authorized: boolean;
  /** OpenSSL code when not authorized, e.g. "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE". */
  authorizationError: string | null;
  /** Certificates as sent, leaf first. */
  chain: CertFacts[];
  /** Results of the pinned-version handshakes (standard profile probes 1.0 and 1.1). */
  versions: TlsVersionProbes;
};

/** Registry facts of the site and its entity, as of the scan. */
export type RegisteredFacts = {
  /** ICP filing number as registered, e.g. "京ICP备12345678号-1"; null if none recorded. */
  icpNumber: string | null;
  /** Public-security (公安联网备案) number, e.g. "京公网安备11010502000001号"; null if none. */
  psbNumber: string | null;
  /** Registered IP addresses of the site. */
  ips: string[];
  /** Registered hostnames of the site (the scanned host and any registered twins). */
  hostnames: string[];
  /** Registered service types (门户, 新闻, 电子商务 …). */
  serviceTypes: string[];
  /** GB/T 2260 six-digit region code of the entity's filing, e.g. "110105"; null if unknown. */
  regionCode: string | null;
  /** MLPS (等级保护) level filed for the system, 1–5; null when not filed. */
  mlpsLevel: number | null;
};

/** The approved content baseline of the site (spec §3.4). */
export type Baseline = {
  /** When the baseline's task ran, ISO 8601. */
  capturedAt: string;
  /** 128 MinHash values of the visible text. */
  minhash: number[];
  /** Page title. */
  title: string;
  /** meta keywords and description, joined. */
  meta: string;
  /** Hosts of links on the home page (lower case). */
  linkHosts: string[];
  /** Hosts of external scripts on the home page (lower case). */
  scriptHosts: string[];
  /** ≤ 2 KB of visible text, for reviewers. */
  excerpt: string;
};

/** Zombie-relevant signal of a task: U unreachable/broken, D default page, P parked, S stale. */
export type SiteSignal = 'U' | 'D' | 'P' | 'S';

/** One earlier task of the site. */
export type HistoryTask = {
  /** When it ran, ISO 8601. */
  scannedAt: string;
  /** Site status then. */
  siteStatus: 'active' | 'unreachable' | 'zombie';
  /** Signals it showed. */
  signals: SiteSignal[];
};

/** The site's earlier tasks (newest first, at most 10) and text stability. */
export type History = {
  tasks: HistoryTask[];
  /** MinHash of the previous task's visible text; null when none. */
  lastMinhash: number[] | null;
  /** Since when the previous task's text has stood unchanged (similarity ≥ 0.98), ISO 8601. */
  unchangedSince: string | null;
};

export type Evidence = {
  /** The clock, as data: when retrieval started, ISO 8601. */
  scannedAt: string;
  /** Which site was scanned and what the registry says about it. */
  target: { siteId: string; host: string; registered: RegisteredFacts };
  /** Resolution of the host (static map in tests). */
  dns: { a: string[]; aaaa: string[]; cname: string[]; error?: DnsErrorCode };
  /** Home walk from http://host/; null if not attempted. */
  http: Exchange | null;
  /** Home walk from https://host/, sending `Origin: https://cors-probe.invalid`; null if not attempted. */
  https: Exchange | null;
  /** TLS facts of the https walk; null when no handshake completed. */
  tls: TlsFacts | null;
  /** Path probes by path (random probe, /robots.txt, exposure paths); single GETs, no redirects followed. */
  probes: Record<string, Capture>;
  /** Path of the random soft-404 probe (`/<16 hex>.html`) within `probes`; null if not made. */
  randomProbe: string | null;
  /** Home fetched as Baiduspider with a Baidu Referer; null outside the standard profile. */
  spider: Exchange | null;
  /** Approved content baseline; null if none yet. */
  baseline: Baseline | null;
  /** Earlier tasks of the site. */
  history: History;
};

// ---- Probe plan --------------------------------------------------------------------------

/** The Origin the https home walk sends, so HDR-05 can see whether it is echoed. */
export const CORS_PROBE_ORIGIN = 'https://cors-probe.invalid';

/** Read caps in bytes (spec §3.1). */
export const READ_CAPS = { home: 512 * 1024, probe: 64 * 1024, archive: 512 } as const;

/** One path probe. `{host}` in a path is replaced by the scanned hostname. */
export type ProbeSpec = {
  path: string;
  /** Smallest profile that requests it. */
  profile: ScanProfile;
  /** Read cap in bytes. */
  maxBytes: number;
  /** Send `Range: bytes=0-<maxBytes-1>` (archives). */
  range: boolean;
};

function probe(path: string, profile: ScanProfile, kind: 'page' | 'archive' = 'page'): ProbeSpec {
  return kind === 'archive'
    ? { path, profile, maxBytes: READ_CAPS.archive, range: true }
    : { path, profile, maxBytes: READ_CAPS.probe, range: false };
}

const BACKUP_NAMES = [
  '{host}.zip', '{host}.rar', '{host}.7z', '{host}.tar.gz', 'www.zip', 'www.rar', 'www.7z',
  'web.zip', 'wwwroot.zip', 'backup.zip', 'backup.sql', 'db.sql',
];

/** Probes by the checks that read them; check files reference these, the planner merges them. */
export const PROBES = {
  robots: [probe('/robots.txt', 'http')],
  git: [probe('/.git/HEAD', 'standard'), probe('/.git/config', 'standard')],
  env: [probe('/.env', 'standard')],
  vcsMeta: [
    probe('/.svn/wc.db', 'standard', 'archive'), probe('/.svn/entries', 'standard'),
    probe('/.DS_Store', 'standard', 'archive'), probe('/WEB-INF/web.xml', 'standard'),
  ],
  backups: BACKUP_NAMES.map((name) => probe(`/${name}`, 'standard', 'archive')),
  listings: ['/upload/', '/uploads/', '/backup/', '/files/'].map((p) => probe(p, 'standard')),
  consoles: ['/admin/', '/manager/html', '/phpmyadmin/', '/wp-login.php'].map((p) => probe(p, 'standard')),
  info: ['/phpinfo.php', '/info.php', '/server-status', '/nginx_status', '/actuator/env'].map((p) =>
    probe(p, 'standard')),
} as const satisfies Record<string, readonly ProbeSpec[]>;

/** Replaces `{host}` in a probe path. */
export function expandProbePath(path: string, host: string): string {
  return path.replaceAll('{host}', host.toLowerCase());
}

const profileRank: Record<ScanProfile, number> = { http: 0, standard: 1, full: 2 };

/**
 * The deduplicated path probes for a profile and host, in declaration order. The random probe
 * is not included: retrieval makes it first, with a fresh random path. `enabled` restricts the
 * plan to the probes of the enabled checks (default: every probe in PROBES).
 */
export function planProbes(
  profile: ScanProfile,
  host: string,
  enabled?: readonly { probes: readonly ProbeSpec[] }[],
): ProbeSpec[] {
  const lists = enabled ? enabled.map((c) => c.probes) : Object.values(PROBES);
  const seen = new Map<string, ProbeSpec>();
  for (const spec of lists.flat()) {
    if (profileRank[spec.profile] > profileRank[profile]) continue;
    const path = expandProbePath(spec.path, host);
    if (!seen.has(path)) seen.set(path, { ...spec, path });
  }
  return [...seen.values()];
}

// ---- Accessors shared by checks ----------------------------------------------------------

/** A header's value as one string (set-cookie lines joined by "\n"); undefined if absent. */
export function headerOf(cap: Capture, name: string): string | undefined {
  const v = cap.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join('\n') : v;
}

/** The Set-Cookie lines of a capture. */
export function setCookiesOf(cap: Capture): string[] {
  const v = cap.headers['set-cookie'];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
