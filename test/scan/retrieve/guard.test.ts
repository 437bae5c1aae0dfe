import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import {
  assertAddressAllowed, Connector, createRetriever, getOffLoopbackAttempts, isInwardAddress, retrieveSite,
  ScopeError, staticNetwork,
} from '../../../src/scan/retrieve';
import { registeredFacts } from '../../support/fixture-farm';

/**
 * The network guard throws BEFORE connect(). This file deliberately provokes off-loopback
 * attempts, so it is the one place the counter is expected to move; no address here is ever
 * dialled (a dial would leave a `lastAttempt` and a socket, both asserted absent).
 */

test('loopback mode allows 127.0.0.0/8 and ::1 only, counting every refusal', () => {
  const before = getOffLoopbackAttempts();
  for (const ip of ['127.0.0.1', '127.0.0.64', '127.255.255.254', '::1', '::ffff:127.0.0.1']) {
    assert.doesNotThrow(() => assertAddressAllowed(ip, 'loopback'), ip);
  }
  assert.equal(getOffLoopbackAttempts(), before);
  for (const ip of ['10.0.0.1', '8.8.8.8', '192.168.1.1', '::', '2001:db8::1', '::ffff:8.8.8.8', '0.0.0.0']) {
    assert.throws(() => assertAddressAllowed(ip, 'loopback'), ScopeError, ip);
  }
  assert.equal(getOffLoopbackAttempts(), before + 7);
});

test('production mode refuses loopback, private, shared and link-local ranges', () => {
  const refused = [
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '100.64.0.1', '100.127.255.254',
    '169.254.169.254', '0.0.0.0', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:a00:1',
    '224.0.0.1', 'not-an-ip',
  ];
  for (const ip of refused) {
    assert.equal(isInwardAddress(ip), true, ip);
    assert.throws(() => assertAddressAllowed(ip, 'production'), ScopeError, ip);
  }
  const before = getOffLoopbackAttempts();
  for (const ip of ['8.8.8.8', '1.2.3.4', '172.32.0.1', '100.128.0.1', '2400:3200::1', '::ffff:8.8.8.8']) {
    assert.equal(isInwardAddress(ip), false, ip);
    assert.doesNotThrow(() => assertAddressAllowed(ip, 'production'), ip);
  }
  assert.equal(getOffLoopbackAttempts(), before, 'production mode does not touch the loopback counter');
});

test('the connector throws before connect for a name resolving off loopback', async () => {
  const { resolver, ports } = staticNetwork({ 'internal.farm.test': { ip: '10.0.0.1' }, 'public.farm.test': { ip: '8.8.8.8' } });
  const connector = new Connector({ mode: 'loopback', resolver, ports });
  const leave = connector.enterScope(['internal.farm.test', 'public.farm.test']);
  const dials: unknown[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    dials.push(args);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  const before = getOffLoopbackAttempts();
  try {
    await assert.rejects(connector.open({ host: 'internal.farm.test', port: 80, secure: false }), ScopeError);
    await assert.rejects(connector.handshake('public.farm.test', 443, 'TLSv1.2'), ScopeError);
  } finally {
    net.Socket.prototype.connect = original;
    leave();
  }
  assert.equal(getOffLoopbackAttempts(), before + 2);
  assert.equal(dials.length, 0, 'no socket was ever connected');
  assert.equal(connector.lastAttempt('internal.farm.test', 80), undefined);
});

test('the connector refuses hosts outside every active scope, without resolving them', async () => {
  let resolved = 0;
  const connector = new Connector({
    mode: 'loopback',
    resolver: { resolve: async () => { resolved++; return { a: ['127.0.0.1'], aaaa: [], cname: [] }; } },
  });
  await assert.rejects(connector.open({ host: 'evil.farm.test', port: 80, secure: false }), /outside every active scan scope/);
  assert.equal(resolved, 0);
});

test('retrieveSite of a site resolving off loopback: scope errors, nothing dialled, no retries', async (t) => {
  const r = createRetriever({ network: 'loopback', ...staticNetwork({ 'leak.farm.test': { ip: '10.0.0.1' } }), limits: { retryDelaysMs: [1, 1] } });
  t.after(() => r.close());
  const before = getOffLoopbackAttempts();
  const res = await retrieveSite({ siteId: 's', host: 'leak.farm.test', registered: registeredFacts('leak.farm.test') }, 'standard', r);
  assert.equal(res.evidence.http?.final.error, 'scope');
  assert.equal(res.evidence.https?.final.error, 'scope');
  assert.deepEqual(res.evidence.probes, {});
  assert.equal(res.log.length, 2, 'scope errors are findings, not retried');
  assert.ok(res.log.every((e) => e.ip === null && e.status === null));
  assert.equal(getOffLoopbackAttempts(), before + 2);
});
