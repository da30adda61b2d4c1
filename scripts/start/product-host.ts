import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startHost, type RunningHost } from '../../server/start-host';
import { startOidcProvider, type TestOidcProvider } from '../../tests/support/oidc-provider';

/** The host `npm start` runs: the README's embedded default (SQLite under ./data), mail kept as files a person can open. */
export interface ProductHost {
  host: RunningHost;
  dataDir: string;
  /** Where mail goes when no SMTP server is configured, or null when SMTP_URL sends it for real. */
  mailDir: string | null;
  /** The sample OpenID provider staff sign in with when OPERATOR_OIDC_ISSUER names none (accounts viewer, support, admin; any password). */
  sampleSignIn: TestOidcProvider | null;
  close(): Promise<void>;
}

/** Starts the embedded host with the environment's settings; only what a person needs to see it work is defaulted. */
export async function startProductHost(env: NodeJS.ProcessEnv): Promise<ProductHost> {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const mailDir = env.SMTP_URL ? null : resolve(env.MAIL_DIR ?? join(dataDir, 'mail'));
  if (mailDir !== null) await mkdir(mailDir, { recursive: true });
  const sampleSignIn = env.OPERATOR_OIDC_ISSUER ? null : await startOidcProvider();
  let host: RunningHost;
  try {
    host = await startHost({
      dataDir,
      env: { ...env, ...(mailDir !== null ? { MAIL_DIR: mailDir } : {}), ...(sampleSignIn?.hostEnv ?? {}), LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    });
  } catch (error) {
    await sampleSignIn?.close();
    throw error;
  }
  sampleSignIn?.allowRedirect(`${host.operatorUrl}/auth/callback`);
  return {
    host,
    dataDir,
    mailDir,
    sampleSignIn,
    async close() {
      await host.close();
      await sampleSignIn?.close();
    },
  };
}
