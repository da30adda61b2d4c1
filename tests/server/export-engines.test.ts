import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { fillRegistrations } from '../../bench/fill-registrations';
import { loadConfig } from '../../server/config';
import { openDatabase, type OpenDatabase } from '../../server/db/open-database';
import { exportBatch } from '../../server/repositories/export-repository';
import { csvText, headerText } from '../../server/services/operator-export-service';
import { databaseVariants } from '../support/databases';
import { newRegistration, pc } from '../support/fixtures';
import { request } from '../support/http';
import { tokensOfEveryRole } from '../support/operator-tokens';
import { useTestHost } from '../support/use-test-host';
import type { OperatorRole } from '../../server/services/operator-roles';

const variants = await databaseVariants('export-engines.test');
const API = '/operator/api/v1';
const FILLED = 20_000;

// Every cell a CSV writer or a spreadsheet treats specially, stored as-is (straight into the store,
// since the customer API would refuse some of them), and what the export must turn each into.
const tricky = {
  registration: { name: '=SUM(A1:A9)', name_kana: '+81 kana', email: '@mention@example.jp', phone: '-1', postal_code: '', address: 'Line one, "quoted"\nline two\rline three', country: '\tJP' },
  device: { vendor: '\rVendor', model: 'Model "X", 2', serial: null, hardware_uuid: '' },
};
const expectedCells = {
  name: "'=SUM(A1:A9)", nameKana: "'+81 kana", email: "'@mention@example.jp", phone: "'-1", postalCode: '', address: 'Line one, "quoted"\nline two\rline three', country: "'\tJP",
  vendor: "'\rVendor", model: 'Model "X", 2', serial: '', hardwareUuid: '',
};

describe.each(variants)('the registrations CSV export on $kind', (variant) => {
  const suite = useTestHost(variant, { PG_POOL_SIZE: '2' });
  let tokens: Record<OperatorRole, string>;
  let open: OpenDatabase;
  let trickyNumber = '';

  /** Every row the export should hold, written by csv-stringify (the SQLite path) from the store as it is now. */
  async function expectedBytes(seesPI: boolean, kind?: string): Promise<string> {
    const rows = await exportBatch(open.db, { afterId: 0, kind, limit: 1_000_000, withCustomer: seesPI });
    return headerText(seesPI) + csvText(rows, seesPI);
  }

  const exportAs = (role: OperatorRole, query = '') => request(suite.host.operatorUrl, 'GET', `${API}/exports/registrations.csv${query}`, { token: tokens[role] });

  beforeAll(async () => {
    tokens = await tokensOfEveryRole(suite.database);
    open = openDatabase(loadConfig({ DATABASE_URL: suite.database.url, DATA_DIR: suite.database.dataDir }).database, { pgPoolSize: 2 });
    const created = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device: pc() }) });
    expect(created.status).toBe(201);
    trickyNumber = created.body.registrationNumber;
    await open.db.updateTable('registrations').set(tricky.registration).where('registration_number', '=', trickyNumber).execute();
    await open.db.updateTable('devices').set(tricky.device).where('registration_number', '=', trickyNumber).execute();
    await fillRegistrations(open.db, open.dialect, FILLED);
  }, 120_000);

  afterAll(async () => {
    await open.db.destroy();
  });

  it('writes, for support, exactly the bytes csv-stringify writes for the same rows, every special cell escaped or quoted', async () => {
    const response = await exportAs('support');
    expect(response.status).toBe(200);
    expect(response.text).toBe(await expectedBytes(true));
    const rows = parseCsv<Record<string, string>>(response.text, { columns: true });
    expect(rows).toHaveLength(FILLED + 1);
    const row = rows.find((candidate) => candidate.registrationNumber === trickyNumber);
    expect(row).toMatchObject(expectedCells);
    expect(row?.registeredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(response.text).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('writes, for a viewer, the device columns only, byte for byte', async () => {
    const response = await exportAs('viewer');
    expect(response.text).toBe(await expectedBytes(false));
    expect(response.text).not.toContain('SUM(A1');
    expect(response.text).not.toContain('Line one');
  });

  it('filters by kind with the kind as a value, never as SQL', async () => {
    expect((await exportAs('support', '?kind=pc')).text).toBe(await expectedBytes(true, 'pc'));
    const injected = await exportAs('support', `?kind=${encodeURIComponent("pc' or '1'='1")}`);
    expect(injected.status).toBe(200);
    expect(injected.text).toBe(headerText(true));
  });

  it('survives clients hanging up mid-export more often than it has connections, and leaves no export running', async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const controller = new AbortController();
      const response = await fetch(`${suite.host.operatorUrl}${API}/exports/registrations.csv`, { headers: { authorization: `Bearer ${tokens.support}` }, signal: controller.signal });
      const reader = response.body?.getReader();
      const first = await reader?.read();
      expect(first?.done).toBe(false);
      controller.abort();
      await reader?.cancel().catch(() => undefined);
    }
    const full = await exportAs('viewer');
    expect(full.status).toBe(200);
    expect(full.text.split('\n').length - 2).toBe(FILLED + 1);
    const search = await request(suite.host.operatorUrl, 'GET', `${API}/registrations?q=${encodeURIComponent(trickyNumber)}`, { token: tokens.support });
    expect(search.status).toBe(200);
    if (open.dialect === 'postgres') {
      // The hung-up COPYs' connections were closed, not handed back mid-COPY: none is still running one.
      let running = -1;
      for (let wait = 0; wait < 50 && running !== 0; wait += 1) {
        const result = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'copy (%' and state <> 'idle' and pid <> pg_backend_pid()`.execute(open.db);
        running = result.rows[0]?.n ?? -1;
        if (running !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(running).toBe(0);
    }
  });
});
