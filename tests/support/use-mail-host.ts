import { afterAll, beforeAll } from 'vitest';
import type { DatabaseVariant } from './databases';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { startTestHost, type TestHost } from './test-host';
import { useTestDatabase, type SuiteHost } from './use-test-host';

/** A suite's host whose mail goes to a real SMTP sink on loopback. */
export interface SuiteMailHost extends SuiteHost {
  readonly sink: SmtpSink;
}

/** Gives the enclosing suite a fresh database, an SMTP sink and a host mailing into it (`now` replaces the host's clock). */
export function useMailHost(variant: DatabaseVariant, env: Record<string, string> = {}, options: { now?: () => number } = {}): SuiteMailHost {
  const suite = useTestDatabase(variant);
  let sink: SmtpSink | undefined;
  let host: TestHost | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    host = await startTestHost(suite.database, { SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1', ...env }, 0, options);
  });
  afterAll(async () => {
    await host?.close();
    await sink?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is read before its beforeAll ran`);
    return value;
  };
  return {
    get database() {
      return suite.database;
    },
    get host() {
      return ready(host, 'host');
    },
    get sink() {
      return ready(sink, 'SMTP sink');
    },
  };
}
