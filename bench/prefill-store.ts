import crypto from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { makeRegistrationNumber } from '../protocol';
import { emailSearchKey, textSearchKey } from '../server/services/customer-search-keys';

const DAY_MS = 86_400_000;
const FAMILY = ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'];

/** The device of the i-th prefilled registration, as a wizard would send it (for lookups of rows known to be there). */
export function prefilledDevice(i: number) {
  return { kind: 'pc', vendor: 'LENOVO', model: 'ThinkPad T14', serial: `PF${i.toString().padStart(10, '0')}`, hardwareUuid: `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`, source: 'firmware' };
}

const REGISTRATION_COLUMNS = [
  'registration_number', 'name', 'email', 'phone', 'postal_code', 'address', 'country', 'email_key', 'phone_e164', 'name_key',
  'password_hash', 'privacy_policy_version', 'created_at', 'updated_at',
] as const;
const DEVICE_COLUMNS = ['public_id', 'registration_number', 'kind', 'vendor', 'vendor_key', 'model', 'serial', 'serial_key', 'hardware_uuid', 'source', 'registered_at'] as const;

/** The i-th registration and its PC as column values in the order of the column lists above. */
function rowsOf(i: number, count: number, passwordHash: string, now: number): { registration: Array<string | number>; device: Array<string | number> } {
  const number = makeRegistrationNumber(crypto.randomBytes(11));
  const name = `${FAMILY[i % FAMILY.length] ?? 'Sato'} ${i.toString(36)}`;
  const email = `user${i}@example.jp`;
  const national = String(10_000_000 + (i % 90_000_000));
  const createdAt = now - 60 * DAY_MS + Math.floor((i / Math.max(1, count)) * 60 * DAY_MS);
  const device = prefilledDevice(i);
  return {
    // Search keys as customerSearchKeys computes them (the phone is a valid Tokyo number, so its E.164 is known).
    registration: [number, name, email, `03${national}`, '100-0001', `Chiyoda ${i}`, 'JP', emailSearchKey(email), `+813${national}`, textSearchKey(name), passwordHash, '2026-01', createdAt, createdAt],
    device: [crypto.randomBytes(12).toString('base64url'), number, 'pc', device.vendor, 'lenovo', device.model, device.serial, device.serial, device.hardwareUuid, 'firmware', createdAt],
  };
}

/**
 * Fills a migrated SQLite store with `count` registrations of one PC each, fast: one prepared
 * statement per table, 20 000 rows per transaction, no fsync until the end (the production indexes
 * stay in place and are maintained row by row, as in production). Every row gets `passwordHash`.
 */
export function prefillSqlite(file: string, count: number, passwordHash: string, now = Date.now()): void {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    // Random registration numbers and device ids land all over their indexes: a page cache that holds them saves most reads.
    db.pragma('cache_size = -524288');
    const insertRegistration = db.prepare(`insert into registrations (${REGISTRATION_COLUMNS.join(', ')}) values (${REGISTRATION_COLUMNS.map(() => '?').join(', ')})`);
    const insertDevice = db.prepare(`insert into devices (${DEVICE_COLUMNS.join(', ')}) values (${DEVICE_COLUMNS.map(() => '?').join(', ')})`);
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const rows = rowsOf(i, count, passwordHash, now);
        insertRegistration.run(rows.registration);
        insertDevice.run(rows.device);
      }
    });
    for (let from = 0; from < count; from += 20_000) batch(from, Math.min(count, from + 20_000));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('analyze');
  } finally {
    db.close();
  }
}

/**
 * The same for PostgreSQL: 10 000 rows per statement as arrays unnested server-side (one round trip
 * per batch instead of one per row), into the tables with their production indexes.
 */
export async function prefillPostgres(url: string, count: number, passwordHash: string, now = Date.now()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const unnest = (table: string, columns: readonly string[], types: string[], rows: Array<Array<string | number>>) => {
    const arrays = columns.map((_, c) => rows.map((row) => row[c]));
    const text = `insert into ${table} (${columns.join(', ')}) select * from unnest(${types.map((type, c) => `$${c + 1}::${type}[]`).join(', ')})`;
    return client.query(text, arrays);
  };
  const registrationTypes = REGISTRATION_COLUMNS.map((column) => (column.endsWith('_at') ? 'bigint' : 'text'));
  const deviceTypes = DEVICE_COLUMNS.map((column) => (column.endsWith('_at') ? 'bigint' : 'text'));
  try {
    await client.query('set synchronous_commit = off');
    for (let from = 0; from < count; from += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, count - from) }, (_, k) => rowsOf(from + k, count, passwordHash, now));
      await client.query('begin');
      await unnest('registrations', REGISTRATION_COLUMNS, registrationTypes, rows.map((row) => row.registration));
      await unnest('devices', DEVICE_COLUMNS, deviceTypes, rows.map((row) => row.device));
      await client.query('commit');
    }
    await client.query('vacuum analyze registrations');
    await client.query('vacuum analyze devices');
  } finally {
    await client.end();
  }
}
