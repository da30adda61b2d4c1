import { z } from 'zod';
import { configuredIdentityFile, DEFAULT_IDENTITY_FILE } from '../hardware/identity-file';
import { checkHostUrl } from './host-url';

const intFromEnv = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  REGISTRATION_HOST_URL: z
    .string()
    .trim()
    .min(1)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      try {
        return checkHostUrl(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  REGISTRATION_HTTP_TIMEOUT_MS: intFromEnv(10_000, 100, 120_000),
  REGISTRATION_HTTP_RETRIES: intFromEnv(2, 0, 10),
  REGISTRATION_LOOKUP_ATTEMPTS: intFromEnv(5, 1, 100),
  REGISTRATION_REPLAY_DIR: z.string().min(1).optional(),
  REGISTRATION_SUPPORT_URL: z.url().default('https://support.example.com/registration'),
  REGISTRATION_LOCALE: z.string().min(2).max(35).optional(),
  REGISTRATION_OUTBOX_PUBLIC_KEY: z.base64().length(44, 'base64 of a 32-byte X25519 public key').optional(),
  REGISTRATION_TPM_TCTI: z.string().min(1).optional(),
});

/** Main-process settings, read once from the environment so every part agrees. */
export interface DesktopConfig {
  /** Host base URL; undefined means "start the embedded host". */
  hostUrl: string | undefined;
  timeoutMs: number;
  retries: number;
  /** The host's lockout threshold, used to tell the customer how many tries remain. */
  lookupAttempts: number;
  replayDir: string | undefined;
  /** The root-written DMI identity file (Linux). */
  identityFile: string;
  /** Development variables that were set but ignored because the app is packaged (logged at start). */
  ignoredVariables: string[];
  supportUrl: string;
  /** Overrides the OS language (tests, demos). */
  locale: string | undefined;
  /** The host's outbox key shipped with the build, for PCs that never reached the host before going offline. */
  outboxPublicKey: string | undefined;
  /** The TPM to attest with (`tbs`, `tcp:…` or a tpm2-tools TCTI); unset = TBS on Windows, /dev/tpmrm0 when present (docs/attestation.md). */
  tpmTcti: string | undefined;
}

/** Variables that swap the machine being read for a made-up one: development and tests only. */
const DEVELOPMENT_ONLY = ['REGISTRATION_REPLAY_DIR', 'FBR_IDENTITY_FILE'] as const;

/**
 * Parses the environment; throws one readable message when a value is wrong. A packaged app
 * (Electron's `app.isPackaged`) ignores the development-only variables, so no user can make it
 * submit identifiers of a machine that is not this one.
 */
export function loadDesktopConfig(env: NodeJS.ProcessEnv, options: { isPackaged: boolean }): DesktopConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid desktop configuration: ${detail}`);
  }
  const value = parsed.data;
  const development = !options.isPackaged;
  return {
    hostUrl: value.REGISTRATION_HOST_URL,
    timeoutMs: value.REGISTRATION_HTTP_TIMEOUT_MS,
    retries: value.REGISTRATION_HTTP_RETRIES,
    lookupAttempts: value.REGISTRATION_LOOKUP_ATTEMPTS,
    replayDir: development ? value.REGISTRATION_REPLAY_DIR : undefined,
    identityFile: development ? configuredIdentityFile(env) : DEFAULT_IDENTITY_FILE,
    ignoredVariables: development ? [] : DEVELOPMENT_ONLY.filter((name) => env[name] !== undefined),
    supportUrl: value.REGISTRATION_SUPPORT_URL,
    locale: value.REGISTRATION_LOCALE,
    outboxPublicKey: value.REGISTRATION_OUTBOX_PUBLIC_KEY,
    tpmTcti: value.REGISTRATION_TPM_TCTI,
  };
}
