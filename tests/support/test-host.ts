import { Writable } from 'node:stream';
import { startHost, type RunningHost, type StartHostOptions } from '../../server/start-host';
import type { TestDatabase } from './databases';

/** Cheap argon2 and no rate limit, so suites stay fast; suites override what they test. */
export const TEST_HOST_ENV: Record<string, string> = {
  PASSWORD_HASH_MEMORY_KIB: '1024',
  PASSWORD_HASH_TIME_COST: '1',
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'info',
  OPERATOR_PORT: '0',
};

/** A host on port 0 over a test database, with every log line it wrote. */
export interface TestHost extends RunningHost {
  logs: string[];
}

/** Starts a host for a suite; `env` adds to TEST_HOST_ENV; port 0 picks a free one; `now` replaces the host's clock. */
export async function startTestHost(
  database: Pick<TestDatabase, 'url' | 'dataDir'>,
  env: Record<string, string> = {},
  port = 0,
  options: Pick<StartHostOptions, 'now' | 'onOperatorApp'> = {},
): Promise<TestHost> {
  const logs: string[] = [];
  let pending = '';
  const logStream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      logs.push(...lines.filter((line) => line.length > 0));
      callback();
    },
  });
  const host = await startHost({
    port,
    host: '127.0.0.1',
    databaseUrl: database.url,
    dataDir: database.dataDir,
    env: { ...TEST_HOST_ENV, ...env },
    logStream,
    now: options.now,
    onOperatorApp: options.onOperatorApp,
  });
  return Object.assign(host, { logs });
}
