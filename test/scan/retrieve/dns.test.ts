import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { test, type TestContext } from 'node:test';
import { caresResolver, staticNetwork } from '../../../src/scan/retrieve';

/**
 * The production resolver against a tiny DNS server on 127.0.0.1 (no real DNS is ever asked):
 * answers, the TTL cache capped at 300 s, the 60 s negative cache, temporary errors uncached.
 */

type Zone = Record<string, { rcode?: number; a?: { ip: string; ttl: number }[]; cname?: string }>;

async function dnsServer(t: TestContext, zone: Zone): Promise<{ port: number; queries: string[] }> {
  const queries: string[] = [];
  const sock = dgram.createSocket('udp4');
  sock.on('message', (msg, rinfo) => {
    let pos = 12;
    const labels: string[] = [];
    while ((msg[pos] ?? 0) > 0) {
      const len = msg[pos] ?? 0;
      labels.push(msg.subarray(pos + 1, pos + 1 + len).toString('ascii'));
      pos += len + 1;
    }
    const qtype = msg.readUInt16BE(pos + 1);
    const qEnd = pos + 5;
    const name = labels.join('.').toLowerCase();
    queries.push(`${name}/${qtype}`);
    const entry = zone[name];
    const answers: Buffer[] = [];
    if (entry && qtype === 1) {
      for (const a of entry.a ?? []) {
        const rr = Buffer.alloc(16);
        rr.writeUInt16BE(0xc00c, 0);
        rr.writeUInt16BE(1, 2);
        rr.writeUInt16BE(1, 4);
        rr.writeUInt32BE(a.ttl, 6);
        rr.writeUInt16BE(4, 10);
        a.ip.split('.').forEach((o, i) => rr.writeUInt8(Number(o), 12 + i));
        answers.push(rr);
      }
    }
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | (entry ? entry.rcode ?? 0 : 3), 2); // response, RD+RA, rcode
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    sock.send(Buffer.concat([header, msg.subarray(12, qEnd), ...answers]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', () => resolve()));
  t.after(() => sock.close());
  return { port: sock.address().port, queries };
}

test('c-ares resolver: answers cached for min(TTL, 300 s), NXDOMAIN for 60 s, SERVFAIL not at all', async (t) => {
  const { port, queries } = await dnsServer(t, {
    'short.farm.test': { a: [{ ip: '127.0.0.5', ttl: 2 }] },
    'long.farm.test': { a: [{ ip: '127.0.0.6', ttl: 86_400 }] },
    'broken.farm.test': { rcode: 2 },
  });
  let clock = 1_000_000;
  const r = caresResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 500, tries: 1, now: () => clock });
  const count = (name: string) => queries.filter((q) => q.startsWith(`${name}/1`)).length;

  assert.deepEqual(await r.resolve('short.farm.test'), { a: ['127.0.0.5'], aaaa: [], cname: [] });
  await r.resolve('short.farm.test');
  assert.equal(count('short.farm.test'), 1, 'second answer from the cache');
  clock += 2_100;
  await r.resolve('short.farm.test');
  assert.equal(count('short.farm.test'), 2, 'expired after its TTL');

  await r.resolve('long.farm.test');
  clock += 299_000;
  await r.resolve('long.farm.test');
  assert.equal(count('long.farm.test'), 1);
  clock += 2_000;
  await r.resolve('long.farm.test');
  assert.equal(count('long.farm.test'), 2, 'a day-long TTL is capped at 300 s');

  assert.equal((await r.resolve('missing.farm.test')).error, 'nxdomain');
  clock += 59_000;
  assert.equal((await r.resolve('missing.farm.test')).error, 'nxdomain');
  assert.equal(count('missing.farm.test'), 1, 'NXDOMAIN cached');
  clock += 2_000;
  await r.resolve('missing.farm.test');
  assert.equal(count('missing.farm.test'), 2, 'negative cache lasts 60 s');

  assert.equal((await r.resolve('broken.farm.test')).error, 'servfail');
  await r.resolve('broken.farm.test');
  assert.equal(count('broken.farm.test'), 2, 'a temporary failure is asked again');
});

test('static network: farm names resolve, unknown names are NXDOMAIN, 80/443 remap to farm ports', async () => {
  const { resolver, ports } = staticNetwork({ 'a.farm.test': { ip: '127.0.0.3', httpPort: 8081, httpsPort: 8443 }, 'b.farm.test': { ip: '::1' } });
  assert.deepEqual(await resolver.resolve('A.farm.test'), { a: ['127.0.0.3'], aaaa: [], cname: [] });
  assert.deepEqual(await resolver.resolve('b.farm.test'), { a: [], aaaa: ['::1'], cname: [] });
  assert.equal((await resolver.resolve('www.example.com')).error, 'nxdomain');
  assert.equal(ports('a.farm.test', 80), 8081);
  assert.equal(ports('a.farm.test', 443), 8443);
  assert.equal(ports('b.farm.test', 443), 443);
});
