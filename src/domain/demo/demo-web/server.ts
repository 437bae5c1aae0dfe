import http, { type OutgoingHttpHeaders } from 'node:http';
import net from 'node:net';
import type { StaticHostMap } from '../../../scan/retrieve';
import type { DemoWebsite } from './pages';
import { GIT_CONFIG, GIT_HEAD, homePage, NOT_FOUND_HTML, ROBOTS_TXT, SITE_CSS } from './pages';
import { closedPort } from '../../../lib/ports';

/**
 * The demo network: one plain-HTTP server on 127.0.0.1 (OS-assigned port) that serves every demo
 * website by its Host header, so remote detection in demo mode has real pages to scan. It binds
 * loopback only and is never reachable from elsewhere. There is no HTTPS: 443 maps to a closed
 * loopback port, so every demo site is "HTTP only" (TLS-01), like many small sites.
 */

/** The only address the demo network listens on and the scanner is pointed at. */
export const DEMO_WEB_IP = '127.0.0.1';

export type DemoWeb = {
  httpPort: number;
  /** A loopback port nothing listens on: HTTPS attempts are refused. */
  httpsPort: number;
  /** Every served hostname → 127.0.0.1 and the ports above (for `staticNetwork`). */
  hosts: StaticHostMap;
  /** Requests answered per Host header (unknown hosts included, as they were asked). */
  requests(): Record<string, number>;
  close(): Promise<void>;
};

type Reply = { status: number; headers: OutgoingHttpHeaders; body: string };

const SECURITY_HEADERS: OutgoingHttpHeaders = {
  server: 'nginx',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** An unmaintained Apache/PHP stack: version banners and none of the security headers. */
const OLD_STACK_HEADERS: OutgoingHttpHeaders = { server: 'Apache/2.2.15 (CentOS)', 'x-powered-by': 'PHP/5.4.45' };

const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

function replyFor(site: DemoWebsite, home: string, method: string, path: string): Reply {
  const base = site.defect === 'version-headers' ? OLD_STACK_HEADERS : SECURITY_HEADERS;
  const reply = (status: number, type: string, body: string): Reply => ({ status, headers: { ...base, 'content-type': type }, body });
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { ...base, allow: 'GET, HEAD' }, body: '' };
  if (path === '/' || path === '/index.html') return reply(200, HTML, home);
  if (path === '/robots.txt') return reply(200, TEXT, ROBOTS_TXT);
  if (path === '/css/site.css') return reply(200, 'text/css; charset=utf-8', SITE_CSS);
  if (site.defect === 'exposed-git' && path === '/.git/HEAD') return reply(200, TEXT, GIT_HEAD);
  if (site.defect === 'exposed-git' && path === '/.git/config') return reply(200, TEXT, GIT_CONFIG);
  // A real 404: the scanner's random-path probe must not see a catch-all (AVL-03).
  return reply(404, HTML, NOT_FOUND_HTML);
}

/** Starts the demo network for these websites; resolves once it listens. */
export async function startDemoWeb(sites: readonly DemoWebsite[]): Promise<DemoWeb> {
  const byHost = new Map(sites.map((s) => [s.hostname.toLowerCase(), { site: s, home: homePage(s) }]));
  const counts: Record<string, number> = {};
  const sockets = new Set<net.Socket>();
  const server = http.createServer({ keepAliveTimeout: 4000 }, (req, res) => {
    const host = String(req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    counts[host] = (counts[host] ?? 0) + 1;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const entry = byHost.get(host);
    const r: Reply = entry
      ? replyFor(entry.site, entry.home, req.method ?? 'GET', q < 0 ? url : url.slice(0, q))
      : { status: 421, headers: { 'content-type': TEXT }, body: 'no such demo site\n' };
    res.writeHead(r.status, r.headers);
    res.end(r.body); // Node sends no body for HEAD
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, DEMO_WEB_IP, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const httpPort = (server.address() as net.AddressInfo).port;
  const httpsPort = await closedPort(DEMO_WEB_IP);
  const hosts: StaticHostMap = {};
  for (const host of byHost.keys()) hosts[host] = { ip: DEMO_WEB_IP, httpPort, httpsPort };
  return {
    httpPort, httpsPort, hosts,
    requests: () => ({ ...counts }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
