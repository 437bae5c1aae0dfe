import net from 'node:net';

/**
 * The network guard (spec §1.6): every address is checked here before any socket is opened.
 * `loopback` (tests, benchmarks, demo) allows only 127.0.0.0/8 and ::1; anything else throws
 * and is counted, and every test run asserts the count stays 0. `production` refuses loopback,
 * private, shared and link-local ranges, so a name that resolves inward cannot aim the scanner
 * at internal networks.
 */

export type NetworkMode = 'loopback' | 'production';

/** Connections refused in loopback mode because the address was not loopback. Must stay 0. */
export let offLoopbackAttempts = 0;

/** Same counter, as a call (for code that cannot hold a live binding, e.g. across IPC). */
export function getOffLoopbackAttempts(): number {
  return offLoopbackAttempts;
}

/** Thrown before connect() when the guard or the scope refuses a target. */
export class ScopeError extends Error {
  readonly code = 'ERR_SCAN_SCOPE';
  constructor(message: string, readonly address: string) {
    super(message);
    this.name = 'ScopeError';
  }
}

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const inward = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // RFC 1918
  ['100.64.0.0', 10], // shared address space (CGN)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['192.0.0.0', 24], ['198.18.0.0', 15], // IETF protocol assignments, benchmarking
  ['224.0.0.0', 4], ['240.0.0.0', 4], // multicast, reserved and broadcast
] as const) {
  inward.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128], ['::1', 128], // unspecified, loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64
] as const) {
  inward.addSubnet(prefix, bits, 'ipv6');
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function normalise(ip: string): { ip: string; family: 'ipv4' | 'ipv6' } | null {
  const v = net.isIP(ip);
  if (v === 4) return { ip, family: 'ipv4' };
  if (v !== 6) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return { ip: mapped[1], family: 'ipv4' };
  return { ip, family: 'ipv6' };
}

export function isLoopbackAddress(ip: string): boolean {
  const n = normalise(ip);
  return n !== null && loopback.check(n.ip, n.family);
}

/** True for addresses production scans must never reach. */
export function isInwardAddress(ip: string): boolean {
  const n = normalise(ip);
  if (n === null) return true;
  if (n.family === 'ipv6' && /^::ffff:/i.test(n.ip)) return true; // mapped forms we could not parse
  return inward.check(n.ip, n.family);
}

/** Throws ScopeError unless `ip` may be connected to in `mode`. Call it right before connect(). */
export function assertAddressAllowed(ip: string, mode: NetworkMode): void {
  if (mode === 'loopback') {
    if (!isLoopbackAddress(ip)) {
      offLoopbackAttempts++;
      throw new ScopeError(`loopback mode: refusing to connect to ${ip}`, ip);
    }
    return;
  }
  if (isInwardAddress(ip)) {
    throw new ScopeError(`refusing to connect to internal address ${ip}`, ip);
  }
}
