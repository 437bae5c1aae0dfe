import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env: a bad value stops the start, not a request halfway. */
const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL only: the schema to hold the tables (created if missing); pg-boss uses `<schema>_boss`. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _').default('public'),
  WANGAN_DATA_DIR: z.string().default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  WANGAN_PRODUCTION: z.enum(['0', '1', 'true', 'false']).default('0'),
  WANGAN_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  WANGAN_SCAN_NETWORK: z.enum(['loopback', 'production']).default('loopback'),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  PASSWORD_HASH_PROFILE: z.enum(['standard', 'fast']).default('standard'),
  /** Loopback mode only: a JSON file { hosts, rootCaPem?, limits?, liftRates? } naming fixture hosts (tests, benchmarks, demo farm). */
  WANGAN_SCAN_HOSTS_FILE: z.string().optional(),
});

export type Config = {
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the tables (`public` unless several instances or a test share one database). */
  databaseSchema: string;
  dataDir: string;
  host: string;
  port: number;
  production: boolean;
  /** Key material for at-rest encryption of personal data; derived per data dir when unset (demo only). */
  secret: string | undefined;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number };
  scanNetwork: 'loopback' | 'production';
  /** Login attempts per client address per minute (password and second-factor steps). */
  loginRatePerMinute: number;
  /** argon2id cost: `standard` (64 MiB, t=3) everywhere but test suites, which use `fast`. */
  passwordHashProfile: 'standard' | 'fast';
  /** Static name map for loopback scans (fixture farm); ignored in production mode. */
  scanHostsFile: string | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${lines}`);
  }
  const e = parsed.data;
  const production = e.WANGAN_PRODUCTION === '1' || e.WANGAN_PRODUCTION === 'true';
  if (!production && !isLoopbackHost(e.HOST)) {
    throw new Error(`HOST=${e.HOST} is not a loopback address; set WANGAN_PRODUCTION=1 to listen elsewhere`);
  }
  return {
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    dataDir: path.resolve(e.WANGAN_DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    production,
    secret: e.WANGAN_SECRET,
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    scanNetwork: e.WANGAN_SCAN_NETWORK,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    passwordHashProfile: e.PASSWORD_HASH_PROFILE,
    scanHostsFile: e.WANGAN_SCAN_HOSTS_FILE,
    ...overrides,
  };
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
