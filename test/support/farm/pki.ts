import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway ECDSA PKI for the fixture farm, made with the `openssl` CLI (works offline, no
 * extra dependency): root → intermediate → one leaf per host. Nothing here is trusted by
 * anything but the scanner under test, which is given `rootPem` as a configured root.
 */

const run = promisify(execFile);

export type LeafKind = 'normal' | 'expired' | 'self-signed' | 'no-intermediate';

export type LeafSpec = {
  /** DNS names; the first is the subject CN. */
  names: readonly string[];
  kind?: LeafKind;
};

export type KeyCert = {
  key: string;
  /** What the server sends: the leaf, plus the intermediate unless the chain is planted incomplete. */
  certChain: string;
  leafPem: string;
};

export type FarmPki = {
  rootPem: string;
  intermediatePem: string;
  issue(spec: LeafSpec): Promise<KeyCert>;
};

const MIN_CONFIG = '[ req ]\ndistinguished_name = dn\nprompt = no\n[ dn ]\nCN = placeholder\n';

let shared: Promise<FarmPki> | undefined;

/** One PKI per process: farms started by several tests in one file share it. */
export function farmPki(): Promise<FarmPki> {
  shared ??= createPki();
  return shared;
}

function ecKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return privateKey;
}

/** UTCTime as `openssl ca -startdate/-enddate` wants it. */
function utcTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

async function createPki(): Promise<FarmPki> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wangan-farm-pki-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const f = (name: string) => path.join(dir, name);
  await fs.writeFile(f('min.cnf'), MIN_CONFIG);

  await fs.writeFile(f('root.key'), ecKeyPem(), { mode: 0o600 });
  await run('openssl', ['req', '-config', f('min.cnf'), '-x509', '-new', '-key', f('root.key'),
    '-subj', '/O=Wangan Fixture Farm/CN=Wangan Farm Test Root CA', '-days', '30',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', f('root.pem')]);

  await fs.writeFile(f('int.key'), ecKeyPem(), { mode: 0o600 });
  await run('openssl', ['req', '-config', f('min.cnf'), '-new', '-key', f('int.key'),
    '-subj', '/O=Wangan Fixture Farm/CN=Wangan Farm Test Intermediate CA', '-days', '30',
    '-CA', f('root.pem'), '-CAkey', f('root.key'),
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', f('int.pem')]);

  const rootPem = await fs.readFile(f('root.pem'), 'utf8');
  const intermediatePem = await fs.readFile(f('int.pem'), 'utf8');
  let seq = 0;
  // `openssl ca` keeps a database; serialise its runs.
  let caQueue: Promise<unknown> = Promise.resolve();

  async function issue(spec: LeafSpec): Promise<KeyCert> {
    const kind = spec.kind ?? 'normal';
    const cn = spec.names[0] ?? 'farm.test';
    const id = `leaf${++seq}`;
    const key = ecKeyPem();
    await fs.writeFile(f(`${id}.key`), key, { mode: 0o600 });
    const san = spec.names.map((n) => `DNS:${n}`).join(',');
    const leafExt = ['-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature',
      '-addext', 'extendedKeyUsage=serverAuth', '-addext', `subjectAltName=${san}`];
    const serial = `0x${randomBytes(8).toString('hex')}`;

    if (kind === 'expired') {
      const op = caQueue.then(() => issueExpired(id, cn, san));
      caQueue = op.catch(() => undefined);
      await op;
    } else if (kind === 'self-signed') {
      await run('openssl', ['req', '-config', f('min.cnf'), '-x509', '-new', '-key', f(`${id}.key`), '-subj', `/CN=${cn}`,
        '-days', '90', '-set_serial', serial, ...leafExt, '-out', f(`${id}.pem`)]);
    } else {
      await run('openssl', ['req', '-config', f('min.cnf'), '-new', '-key', f(`${id}.key`), '-subj', `/CN=${cn}`,
        '-days', '90', '-set_serial', serial, '-CA', f('int.pem'), '-CAkey', f('int.key'), ...leafExt, '-out', f(`${id}.pem`)]);
    }
    const leafPem = await fs.readFile(f(`${id}.pem`), 'utf8');
    const withIntermediate = kind === 'normal' || kind === 'expired';
    return { key, leafPem, certChain: withIntermediate ? leafPem + intermediatePem : leafPem };
  }

  /** Not valid since yesterday (90 days long): only `openssl ca` takes explicit dates on OpenSSL 3.0. */
  async function issueExpired(id: string, cn: string, san: string): Promise<void> {
    const caDir = f('ca');
    await fs.mkdir(caDir, { recursive: true });
    await fs.writeFile(path.join(caDir, 'index.txt'), '', { flag: 'a' });
    await fs.writeFile(f(`${id}.cnf`), [
      '[ ca ]', 'default_ca = farm', '[ farm ]', `dir = ${caDir}`, 'database = $dir/index.txt',
      'new_certs_dir = $dir', 'serial = $dir/serial', 'default_md = sha256', 'policy = policy_any',
      'unique_subject = no', 'email_in_dn = no', 'copy_extensions = none',
      '[ policy_any ]', 'commonName = supplied',
      '[ leaf ]', 'basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = serverAuth', `subjectAltName = ${san}`, '',
    ].join('\n'));
    await run('openssl', ['req', '-config', f('min.cnf'), '-new', '-key', f(`${id}.key`), '-subj', `/CN=${cn}`, '-out', f(`${id}.csr`)]);
    const day = 86_400_000;
    const now = Date.now();
    await run('openssl', ['ca', '-batch', '-config', f(`${id}.cnf`), '-in', f(`${id}.csr`), '-cert', f('int.pem'),
      '-keyfile', f('int.key'), '-startdate', utcTime(new Date(now - 91 * day)), '-enddate', utcTime(new Date(now - day)),
      '-extensions', 'leaf', '-notext', '-create_serial', '-out', f(`${id}.pem`)]);
  }

  return { rootPem, intermediatePem, issue };
}
