import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { sql } from 'kysely';
import { fillRegistrations } from '../../bench/fill-registrations';
import { startHost, type RunningHost } from '../../server/start-host';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, pc } from '../support/fixtures';
import { request } from '../support/http';
import { createTestToken } from '../support/operator-tokens';
import { TEST_HOST_ENV } from '../support/test-host';
import { openTestStore } from '../support/stored-rows';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('operator-indexes.test');
const API = '/operator/api/v1';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

describe.each(variants)('operator queries use indexes on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let host: RunningHost;
  let token: string;
  let registered: RegistrationCreated;
  const device = pc();
  let captured: Captured[] = [];

  beforeAll(async () => {
    host = await startHost({
      port: 0,
      operatorPort: 0,
      databaseUrl: suite.database.url,
      dataDir: suite.database.dataDir,
      env: { ...TEST_HOST_ENV, LOG_LEVEL: 'silent' },
      onQuery: (sql, parameters) => captured.push({ sql, parameters }),
    });
    token = await createTestToken(suite.database, 'support');
    // Enough rows, with statistics, that each planner picks the index a real store would use.
    const db = openTestStore(suite.database);
    try {
      await fillRegistrations(db, variant.kind, 3000);
      await sql`analyze`.execute(db);
    } finally {
      await db.destroy();
    }
    registered = (await request<RegistrationCreated>(host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device, customer: customer({ email: 'index@example.jp' }) }) })).body;
  });
  afterAll(async () => {
    await host.close();
  });

  /** The query plan of one captured statement, as text. */
  async function plan(query: Captured): Promise<string> {
    if (variant.kind === 'sqlite') {
      const database = new SqliteDatabase(suite.database.url.slice('sqlite:'.length), { readonly: true });
      try {
        const rows = database.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
        return rows.map((row) => row.detail).join('\n');
      } finally {
        database.close();
      }
    }
    const client = new pg.Client({ connectionString: suite.database.url });
    await client.connect();
    try {
      // With sequential scans priced out, the plan shows a Seq Scan only where no index can serve.
      await client.query('set enable_seqscan = off');
      const result = await client.query<{ 'QUERY PLAN': string }>(`explain ${query.sql}`, query.parameters as unknown[]);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.end();
    }
  }

  /** Runs one operator request and returns the plans of the searches it ran on the big tables. */
  async function plansOf(path: string): Promise<Array<{ sql: string; text: string }>> {
    captured = [];
    const response = await request(host.operatorUrl, 'GET', `${API}${path}`, { token });
    expect(response.status, path).toBe(200);
    // PostgreSQL's export is one COPY (select …) TO STDOUT: its plan is the select's.
    const statements = captured.map((query) => {
      const copied = /^copy \(([\s\S]*)\) to stdout with \(format csv\)$/i.exec(query.sql);
      return copied?.[1] === undefined ? query : { sql: copied[1], parameters: query.parameters };
    });
    const searches = statements.filter((query) => /^select/i.test(query.sql) && /from "(registrations|devices|refusals|audit_events)"/.test(query.sql));
    expect(searches.length, path).toBeGreaterThan(0);
    return Promise.all(searches.map(async (query) => ({ sql: query.sql, text: await plan(query) })));
  }

  const fullScan = (text: string) => (variant.kind === 'sqlite' ? /^SCAN (registrations|devices|refusals|audit_events)$/m.test(text) : /Seq Scan on (registrations|devices|refusals|audit_events)/.test(text));

  it.each([
    ['number', () => `/registrations?q=${registered.registrationNumber}`, [variant.kind === 'sqlite' ? /sqlite_autoindex_registrations_1 \(registration_number=\?\)/ : /registrations_pkey/]],
    ['serial', () => `/registrations?q=${device.serial ?? ''}`, [/devices_serial_key/]],
    ['hardware UUID', () => `/registrations?q=${device.hardwareUuid ?? ''}`, [/devices_hardware_uuid_unique/]],
    ['e-mail', () => '/registrations?q=INDEX%40example.jp', [/registrations_email_key/]],
    ['phone', () => '/registrations?q=%2B81312345678', [/registrations_phone_e164/]],
    ['name prefix', () => `/registrations?q=${encodeURIComponent('山田')}`, [/registrations_name_key/, /registrations_name_kana_key/]],
    ['newest first', () => '/registrations', [/registrations_live_created/]],
    ['detail', () => `/registrations/${registered.registrationNumber}`, [/audit_events_registration/]],
    ['refusals by serial', () => `/refusals?q=${device.serial ?? ''}`, [/refusals_serial_key/]],
    ['audit by registration', () => `/audit?registrationNumber=${registered.registrationNumber}`, [/audit_events_registration/]],
    ['export batch', () => '/exports/registrations.csv', [variant.kind === 'sqlite' ? /INTEGER PRIMARY KEY/ : /devices_pkey/]],
    // The one count of every live registration is not a search: it is left out of this check.
    ['stats (per day, by kind)', () => '/stats', [variant.kind === 'sqlite' ? /SEARCH registrations USING INDEX \w+ \(.*created_at>\?\)/ : /registrations_live_created/]],
  ])('%s', async (_name, path, indexes) => {
    const plans = (await plansOf(path())).filter((query) => !/^select count\(\*\) as "n" from "registrations" where "erased_at" is null$/.test(query.sql)).map((query) => query.text);
    for (const text of plans) expect(fullScan(text), text).toBe(false);
    for (const index of indexes) expect(plans.join('\n'), String(index)).toMatch(index);
  });
});
