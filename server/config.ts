import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ATTESTATION_POLICIES, CUSTOMER_FIELDS, DEFAULT_FIELD_POLICIES, DEFAULT_REGISTERED_KINDS, DEVICE_KINDS, type DeviceKind, FIELD_POLICIES, PASSWORD_MIN_LENGTH, type AttestationPolicy, type FieldPolicies } from '../protocol';

/** Raised for a bad configuration value so `main.ts` can print one clear line and exit 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);

const base64Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be base64 of 32 bytes')
  .optional();

const fieldPoliciesSchema = z
  .string()
  .optional()
  .transform((value, ctx): FieldPolicies => {
    const policies: Record<string, string> = { ...DEFAULT_FIELD_POLICIES };
    for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
      const [field, policy] = entry.split('=').map((part) => part.trim());
      if (!field || !(CUSTOMER_FIELDS as readonly string[]).includes(field) || !policy || !(FIELD_POLICIES as readonly string[]).includes(policy)) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not field=required|optional|hidden for a customer field (${CUSTOMER_FIELDS.join(', ')})` });
        return DEFAULT_FIELD_POLICIES;
      }
      if (['name', 'address', 'country'].includes(field) && policy !== 'required') {
        ctx.addIssue({ code: 'custom', message: `${field} is always required` });
        return DEFAULT_FIELD_POLICIES;
      }
      policies[field] = policy;
    }
    return policies as FieldPolicies;
  });

/** `DEVICE_KINDS`: the kinds the maker registers, comma-separated (the wizard lists the rest as "other devices"). */
const deviceKindsSchema = z
  .string()
  .optional()
  .transform((value, ctx): DeviceKind[] => {
    const entries = (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    if (entries.length === 0) return [...DEFAULT_REGISTERED_KINDS];
    const unknown = entries.filter((entry) => !(DEVICE_KINDS as readonly string[]).includes(entry));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `"${unknown.join(', ')}" is not a device kind (${DEVICE_KINDS.join(', ')})` });
      return [...DEFAULT_REGISTERED_KINDS];
    }
    return [...new Set(entries as DeviceKind[])];
  });

const databaseUrlSchema = z
  .string()
  .trim()
  .optional()
  .refine((value) => value === undefined || value === '' || /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), 'must be sqlite:<path> or postgres://…');

/** True when `value` parses as an smtp:// or smtps:// URL with a host (and a port, if any, in range). */
function isSmtpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
}

const smtpUrlSchema = z.string().trim().refine(isSmtpUrl, 'must be smtp://host:port or smtps://user:pass@host:port').optional();

/** Variables whose value is a secret: a refusal names them but never shows what they hold. */
const SECRET_VARIABLES = new Set(['TOKEN_SIGNING_KEY', 'REQUEST_HASH_KEY', 'OUTBOX_SECRET_KEY', 'OPERATOR_OIDC_CLIENT_SECRET']);

/**
 * How a refused value is quoted in the one-line error: secrets not at all, and a URL's user and password
 * (SMTP_URL, DATABASE_URL) replaced, since the line lands in terminals, journals and CI logs.
 */
function shownValue(name: string, value: string): string {
  if (SECRET_VARIABLES.has(name)) return '';
  const credentials = value.lastIndexOf('@');
  if (credentials < 0) return ` (got ${JSON.stringify(value)})`;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/)?/.exec(value)?.[0] ?? '';
  return ` (got ${JSON.stringify(`${scheme}…${value.slice(credentials)}`)})`;
}

const proxyAddress = z.union([z.enum(['loopback', 'linklocal', 'uniquelocal']), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/**
 * Express's own forms: a hop count or a list of proxy addresses/CIDRs. `true` (trust every hop) would
 * let any client pick its address through X-Forwarded-For and so escape the rate limit: refused.
 */
const trustProxySchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): false | number | string[] => {
    if (value === undefined || value === 'false') return false;
    if (value === 'true') {
      ctx.addIssue({ code: 'custom', message: 'must be a hop count or a comma-separated list of proxy addresses/CIDRs; true would trust any client\'s X-Forwarded-For' });
      return false;
    }
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.some((entry) => !proxyAddress.safeParse(entry).success)) {
      ctx.addIssue({ code: 'custom', message: 'must be a hop count or a comma-separated list of proxy addresses/CIDRs (or loopback, linklocal, uniquelocal)' });
      return false;
    }
    return entries;
  });

/** Threads in libuv's threadpool, where argon2 hashes: UV_THREADPOOL_SIZE, else libuv's 4. */
export function threadpoolSize(): number {
  return Number(process.env.UV_THREADPOOL_SIZE) || 4;
}

/** One hash more than the cores (so no core idles between hashes), but never more than libuv's threadpool has threads. */
function defaultHashConcurrency(): number {
  return Math.max(1, Math.min(os.availableParallelism() + 1, threadpoolSize()));
}

/** Every environment variable the host reads, with its default; docs/host-configuration.md mirrors it. */
const envSchema = z.object({
  PORT: int(0, 65535, 4780),
  HOST: z.string().trim().min(1).optional().transform((value) => value ?? '127.0.0.1'),
  DATABASE_URL: databaseUrlSchema,
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).optional().transform((value): SqliteSynchronous => value ?? 'full'),
  DATA_DIR: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().transform((value) => value ?? 'info'),
  TRUST_PROXY: trustProxySchema,
  RATE_LIMIT_PER_MINUTE: int(0, 10_000_000, 600),
  LOOKUP_MAX_FAILURES: int(1, 1000, 5),
  LOOKUP_LOCKOUT_WINDOW_SECONDS: int(1, 86_400, 900),
  ACCESS_TOKEN_TTL_SECONDS: int(1, 86_400, 900),
  PASSWORD_HASH_MEMORY_KIB: int(1024, 4_194_304, 19_456),
  PASSWORD_HASH_TIME_COST: int(1, 100, 2),
  PASSWORD_HASH_PARALLELISM: int(1, 16, 1),
  PASSWORD_HASH_CONCURRENCY: int(1, 1024, defaultHashConcurrency()),
  PASSWORD_HASH_QUEUE: int(0, 100_000, 64),
  PASSWORD_HASH_NICE: int(0, 19, 10),
  PASSWORD_MIN_LENGTH: int(PASSWORD_MIN_LENGTH, 128, PASSWORD_MIN_LENGTH),
  PRIVACY_POLICY_VERSION: z.string().trim().min(1).max(64).optional().transform((value) => value ?? '2026-01'),
  PRIVACY_POLICY_URL: z.url().optional().transform((value) => value ?? 'https://example.com/privacy'),
  FIELD_POLICIES: fieldPoliciesSchema,
  DEVICE_KINDS: deviceKindsSchema,
  TOKEN_SIGNING_KEY: base64Key,
  REQUEST_HASH_KEY: base64Key,
  OUTBOX_SECRET_KEY: base64Key,
  PG_POOL_SIZE: int(1, 1000, 10),
  SHUTDOWN_GRACE_SECONDS: int(0, 3600, 10),
  // Customer lifecycle (issue #9): e-mail, recovery, transfers.
  SMTP_URL: smtpUrlSchema,
  MAIL_FROM: z.string().trim().min(3).max(254).optional().transform((value) => value ?? 'registration@localhost'),
  MAIL_DIR: z.string().trim().min(1).optional(),
  MAIL_RETRY_SECONDS: int(1, 86_400, 30),
  MAIL_LEASE_SECONDS: int(1, 3600, 120),
  HOST_PUBLIC_URL: z.url().optional(),
  TRANSFERS: z.enum(['on', 'off']).optional().transform((value) => value !== 'off'),
  TRANSFER_OWNER_DAYS: int(1, 365, 14),
  OPERATOR_PORT: int(0, 65535, 4781),
  OPERATOR_HOST: z.string().trim().min(1).optional().transform((value) => value ?? '127.0.0.1'),
  OPERATOR_OIDC_ISSUER: z.url().optional(),
  OPERATOR_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OPERATOR_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  OPERATOR_OIDC_ROLE_CLAIM: z.string().trim().min(1).optional().transform((value) => value ?? 'roles'),
  OPERATOR_SESSION_IDLE_MINUTES: int(1, 1440, 30),
  METRICS_REFRESH_SECONDS: int(1, 3600, 30),
  MANIFEST_POLICY: z.enum(['off', 'flag', 'enforce']).optional().transform((value) => value ?? 'off'),
  ATTESTATION: z.enum(ATTESTATION_POLICIES).optional().transform((value) => value ?? 'off'),
  TPM_EK_CA_DIR: z.string().trim().min(1).optional(),
  ATTESTATION_CHALLENGE_SECONDS: int(10, 3600, 300),
});

/** Which store DATABASE_URL chose. */
export type DatabaseTarget = { dialect: 'sqlite'; file: string; synchronous?: SqliteSynchronous } | { dialect: 'postgres'; url: string };

/** SQLite's fsync policy in WAL mode: FULL syncs each commit (no acknowledged registration lost on power loss); NORMAL only at checkpoints. */
export type SqliteSynchronous = 'full' | 'normal';

/** The host's validated configuration; everything tunable lives here so tests can shrink windows and costs. */
export interface HostConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  logLevel: string;
  /** Express's `trust proxy`: false, a hop count or proxy addresses/CIDRs (never true). */
  trustProxy: false | number | string[];
  rateLimitPerMinute: number;
  lookupMaxFailures: number;
  lookupLockoutWindowSeconds: number;
  accessTokenTtlSeconds: number;
  passwordHash: { memoryCost: number; timeCost: number; parallelism: number; concurrency: number; queue: number; nice: number };
  passwordMinLength: number;
  privacyPolicy: { version: string; url: string };
  fieldPolicies: FieldPolicies;
  /** Kinds the maker registers (the form's `deviceKinds`). */
  deviceKinds: DeviceKind[];
  keys: { tokenSigningKey?: string; requestHashKey?: string; outboxSecretKey?: string };
  pgPoolSize: number;
  shutdownGraceSeconds: number;
  /** Where mail goes: SMTP, .eml files in a folder (no SMTP server), or nowhere (recovery off). */
  mail: { transport: { kind: 'smtp'; url: string } | { kind: 'dir'; dir: string } | { kind: 'none' }; from: string; retrySeconds: number; leaseSeconds: number };
  /** Origin of links in mail (the decision page); unset = the customer listener's URL. */
  publicUrl: string | undefined;
  transfers: { enabled: boolean; ownerDays: number };
  /** The operator listener and how people sign in to it (OPERATOR-API.md). */
  operator: {
    port: number;
    host: string;
    oidc: { issuer: string; clientId: string; clientSecret: string } | null;
    roleClaim: string;
    sessionIdleMinutes: number;
  };
  /** How often /metrics' stored counts are re-read (a scrape only reads the cache). */
  metricsRefreshSeconds: number;
  /** What the maker's manifest does to registrations: ignored, findings for operators, or refusals. */
  manifestPolicy: 'off' | 'flag' | 'enforce';
  /** PC attestation by TPM (docs/attestation.md): policy, trusted EK CA folder, challenge lifetime. */
  attestation: { policy: AttestationPolicy; ekCaDir: string | null; challengeSeconds: number };
}

/** startHost's named options, which win over their environment variables. */
export interface ConfigOverrides {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  operatorPort?: number;
  operatorHost?: string;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>, overrides: ConfigOverrides = {}): HostConfig {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    raw[key] = value === '' ? undefined : value;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const value = raw[name];
    const shown = value === undefined ? '' : shownValue(name, value);
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.DATA_DIR ?? 'data');
  const databaseUrl = overrides.databaseUrl ?? e.DATABASE_URL;
  let database: DatabaseTarget;
  if (databaseUrl === undefined || databaseUrl === '') database = { dialect: 'sqlite', file: path.join(dataDir, 'registrations.sqlite'), synchronous: e.SQLITE_SYNCHRONOUS };
  else if (databaseUrl.startsWith('sqlite:')) database = { dialect: 'sqlite', file: path.resolve(databaseUrl.slice('sqlite:'.length)), synchronous: e.SQLITE_SYNCHRONOUS };
  else if (/^postgres(ql)?:\/\//.test(databaseUrl)) database = { dialect: 'postgres', url: databaseUrl };
  else throw new ConfigError(`Invalid configuration: DATABASE_URL must be sqlite:<path> or postgres://…`);
  if (e.ATTESTATION !== 'off' && e.TPM_EK_CA_DIR === undefined) throw new ConfigError(`Invalid configuration: TPM_EK_CA_DIR is required when ATTESTATION is ${e.ATTESTATION}`);
  return {
    port: overrides.port ?? e.PORT,
    host: overrides.host ?? e.HOST,
    dataDir,
    database,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    lookupMaxFailures: e.LOOKUP_MAX_FAILURES,
    lookupLockoutWindowSeconds: e.LOOKUP_LOCKOUT_WINDOW_SECONDS,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    passwordHash: { memoryCost: e.PASSWORD_HASH_MEMORY_KIB, timeCost: e.PASSWORD_HASH_TIME_COST, parallelism: e.PASSWORD_HASH_PARALLELISM, concurrency: e.PASSWORD_HASH_CONCURRENCY, queue: e.PASSWORD_HASH_QUEUE, nice: e.PASSWORD_HASH_NICE },
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
    privacyPolicy: { version: e.PRIVACY_POLICY_VERSION, url: e.PRIVACY_POLICY_URL },
    fieldPolicies: e.FIELD_POLICIES,
    deviceKinds: e.DEVICE_KINDS,
    keys: { tokenSigningKey: e.TOKEN_SIGNING_KEY, requestHashKey: e.REQUEST_HASH_KEY, outboxSecretKey: e.OUTBOX_SECRET_KEY },
    pgPoolSize: e.PG_POOL_SIZE,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    mail: {
      transport: e.SMTP_URL ? { kind: 'smtp', url: e.SMTP_URL } : e.MAIL_DIR ? { kind: 'dir', dir: path.resolve(e.MAIL_DIR) } : { kind: 'none' },
      from: e.MAIL_FROM,
      retrySeconds: e.MAIL_RETRY_SECONDS,
      leaseSeconds: e.MAIL_LEASE_SECONDS,
    },
    publicUrl: e.HOST_PUBLIC_URL?.replace(/\/+$/, ''),
    transfers: { enabled: e.TRANSFERS, ownerDays: e.TRANSFER_OWNER_DAYS },
    operator: {
      port: overrides.operatorPort ?? e.OPERATOR_PORT,
      host: overrides.operatorHost ?? e.OPERATOR_HOST,
      oidc: operatorOidc(e.OPERATOR_OIDC_ISSUER, e.OPERATOR_OIDC_CLIENT_ID, e.OPERATOR_OIDC_CLIENT_SECRET),
      roleClaim: e.OPERATOR_OIDC_ROLE_CLAIM,
      sessionIdleMinutes: e.OPERATOR_SESSION_IDLE_MINUTES,
    },
    metricsRefreshSeconds: e.METRICS_REFRESH_SECONDS,
    manifestPolicy: e.MANIFEST_POLICY,
    attestation: { policy: e.ATTESTATION, ekCaDir: e.TPM_EK_CA_DIR === undefined ? null : path.resolve(e.TPM_EK_CA_DIR), challengeSeconds: e.ATTESTATION_CHALLENGE_SECONDS },
  };
}

/** Sign-in is configured by the issuer; the client id and secret must then come with it. */
function operatorOidc(issuer: string | undefined, clientId: string | undefined, clientSecret: string | undefined): HostConfig['operator']['oidc'] {
  if (issuer === undefined) return null;
  if (clientId === undefined) throw new ConfigError('Invalid configuration: OPERATOR_OIDC_CLIENT_ID is required when OPERATOR_OIDC_ISSUER is set');
  if (clientSecret === undefined) throw new ConfigError('Invalid configuration: OPERATOR_OIDC_CLIENT_SECRET is required when OPERATOR_OIDC_ISSUER is set');
  return { issuer, clientId, clientSecret };
}
