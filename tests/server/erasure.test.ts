import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { databaseVariants, type TestDatabase } from '../support/databases';
import { customer, newRegistration, PASSWORD, pc } from '../support/fixtures';
import { request } from '../support/http';
import { lifecycleClient } from '../support/lifecycle-client';
import { useMailHost } from '../support/use-mail-host';

const variants = await databaseVariants('erasure.test');
const run = promisify(execFile);

function storeTarget(database: TestDatabase) {
  return database.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: database.url };
}

/** Every byte the store keeps: SQLite's file with its -wal and -shm, or a pg_dump of the database. */
async function storeBytes(database: TestDatabase): Promise<Buffer> {
  if (database.kind === 'postgres') {
    const { stdout } = await run('pg_dump', ['--data-only', '--no-owner', database.url], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
  const file = database.url.slice('sqlite:'.length);
  const parts = await Promise.all([file, `${file}-wal`, `${file}-shm`].map((name) => fs.readFile(name).catch(() => Buffer.alloc(0))));
  return Buffer.concat(parts);
}

/** Reads one value with a short-lived connection of the test's own (closed at once, so it never holds a checkpoint back). */
async function readOnce<T>(database: TestDatabase, query: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const { db } = openDatabase(storeTarget(database), { pgPoolSize: 1 });
  try {
    return await query(db);
  } finally {
    await db.destroy();
  }
}

describe.each(variants)('erasure leaves no personal value in the store files on $kind', (variant) => {
  const suite = useMailHost(variant);
  const client = lifecycleClient(() => suite.host.url);

  it('overwrites every personal field and the password hash, in the live file and its WAL, once the notice left', async () => {
    const tag = crypto.randomBytes(4).toString('hex');
    const person = customer({
      name: `消去 太郎${tag}`,
      nameKana: "ショウキョ ゴンベエ",
      email: `erase.${tag}@example.jp`,
      phone: '06-6543-2109',
      postalCode: '530-0001',
      address: `大阪府大阪市北区梅田${tag}丁目`,
    });
    const device = pc();
    const created = await request<{ registrationNumber: string }>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device, customer: person }) });
    expect(created.status).toBe(201);
    const number = created.body.registrationNumber;
    // Others stay, so the pages holding the erased row are shared with live data.
    for (let i = 0; i < 5; i += 1) await client.register();
    await suite.sink.waitFor(6);
    const login = await client.lookup(device, PASSWORD);
    const token = login.body.accessToken;
    const passwordHash = await readOnce(suite.database, async (db) => (await db.selectFrom('registrations').select('password_hash').where('registration_number', '=', number).executeTakeFirstOrThrow()).password_hash);
    const values = [person.name, person.nameKana ?? '', person.email ?? '', person.phone ?? '', person.postalCode ?? '', person.address, '+81665432109', passwordHash.split('$').at(-1) ?? passwordHash];
    const before = await storeBytes(suite.database);
    expect(values.filter((value) => before.includes(Buffer.from(value))).length).toBeGreaterThan(0);

    expect((await request(suite.host.url, 'DELETE', `/api/v1/registrations/${number}`, { token })).status).toBe(200);
    await suite.sink.waitFor(7);
    expect(suite.sink.to(person.email ?? '').map((mail) => mail.subject)).toContain('登録情報を削除しました');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const unsent = await readOnce(suite.database, (db) => db.selectFrom('mail_queue').select('id').where('notice', '=', 'erased').where('sent_at', 'is', null).execute());
      if (unsent.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    const after = await storeBytes(suite.database);
    for (const value of values) expect(after.includes(Buffer.from(value)), `"${value}" is still in the store`).toBe(false);
    const kept = await readOnce(suite.database, (db) => db.selectFrom('registrations').selectAll().where('registration_number', '=', number).executeTakeFirstOrThrow());
    expect(kept.erased_at).not.toBeNull();
    const audit = await readOnce(suite.database, (db) => db.selectFrom('audit_events').select(['action', 'fields', 'reason']).where('registration_number', '=', number).execute());
    expect(audit.map((event) => event.action)).toContain('erased');
  });
});
