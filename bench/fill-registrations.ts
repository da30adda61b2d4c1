import crypto from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { bulkInsert, type BulkColumn } from '../server/db/bulk-insert';
import type { Dialect } from '../server/db/migrations';
import type { DevicesTable, HostDatabase, RegistrationsTable } from '../server/db/schema';
import { customerSearchKeys, emailSearchKey, textSearchKey } from '../server/services/customer-search-keys';
import { makeRegistrationNumber } from '../protocol';

const BATCH = 5000;
const DAY_MS = 86_400_000;
const FAMILY = ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'];

/** The i-th synthetic registration's values, so the bench can search for rows it knows are there. */
export function syntheticRow(i: number) {
  const name = `${FAMILY[i % FAMILY.length] ?? 'Sato'} ${i.toString(36)}`;
  return {
    name,
    email: `user${i}@example.jp`,
    phone: `03${String(10_000_000 + (i % 90_000_000)).padStart(8, '0')}`,
    serial: `SN${i.toString().padStart(10, '0')}`,
    hardwareUuid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  };
}

type RegistrationRow = Omit<Insertable<RegistrationsTable>, 'locale' | 'token_version'> & Record<string, string | number | null>;
type DeviceRow = Omit<Insertable<DevicesTable>, 'id' | 'attested' | 'ek_public_sha256'> & Record<string, string | number | null>;
const text = 'text' as const;
const REGISTRATION_COLUMNS: ReadonlyArray<BulkColumn<RegistrationRow>> = [
  ...(['registration_number', 'name', 'name_kana', 'email', 'phone', 'postal_code', 'address', 'country', 'password_hash', 'privacy_policy_version'] as const).map((name) => ({ name, pgType: text })),
  { name: 'created_at', pgType: 'bigint' },
  { name: 'updated_at', pgType: 'bigint' },
  { name: 'erased_at', pgType: 'bigint' },
  ...(['email_key', 'phone_e164', 'name_key', 'name_kana_key'] as const).map((name) => ({ name, pgType: text })),
];
const DEVICE_COLUMNS: ReadonlyArray<BulkColumn<DeviceRow>> = [
  ...(['public_id', 'registration_number', 'kind', 'vendor', 'vendor_key', 'model', 'serial', 'serial_key', 'hardware_uuid', 'usb_vendor_id', 'usb_product_id', 'installation_id', 'source', 'edid_product_code'] as const).map((name) => ({ name, pgType: text })),
  { name: 'registered_at', pgType: 'bigint' },
  { name: 'released_at', pgType: 'bigint' },
];

/**
 * The production search keys of a synthetic customer without libphonenumber's per-row cost: the
 * synthetic phone is a Tokyo number, so its E.164 form is +81 and the number without its 0. The
 * first row of every batch is checked against customerSearchKeys, so a drift fails the bench.
 */
function syntheticKeys(columns: { name: string; email: string; phone: string; country: string }, check: boolean) {
  const keys = { email_key: emailSearchKey(columns.email), phone_e164: `+81${columns.phone.slice(1)}`, name_key: textSearchKey(columns.name), name_kana_key: null };
  if (check) {
    const real = customerSearchKeys({ ...columns, name_kana: null });
    if (JSON.stringify(real) !== JSON.stringify(keys)) throw new Error(`synthetic search keys ${JSON.stringify(keys)} differ from customerSearchKeys ${JSON.stringify(real)}`);
  }
  return keys;
}

/**
 * Inserts `count` registrations (one PC each) straight into the store, never through HTTP: 5,000
 * rows per bulk insert (server/db/bulk-insert.ts), one transaction per batch, with every production
 * index in place, spread over the last 60 days; returns their numbers in order.
 */
export async function fillRegistrations(db: Kysely<HostDatabase>, dialect: Dialect, count: number, start = 0, now = Date.now()): Promise<string[]> {
  const numbers: string[] = [];
  for (let offset = 0; offset < count; offset += BATCH) {
    const size = Math.min(BATCH, count - offset);
    const registrations: RegistrationRow[] = [];
    const devices: DeviceRow[] = [];
    for (let k = 0; k < size; k += 1) {
      const i = start + offset + k;
      const row = syntheticRow(i);
      const number = makeRegistrationNumber(crypto.randomBytes(11));
      const createdAt = now - 60 * DAY_MS + Math.floor(((offset + k) / Math.max(1, count)) * 60 * DAY_MS);
      const columns = { name: row.name, name_kana: null, email: row.email, phone: row.phone, postal_code: '100-0001', address: `Chiyoda ${i}`, country: 'JP' };
      numbers.push(number);
      registrations.push({ registration_number: number, ...columns, ...syntheticKeys(columns, k === 0), password_hash: 'x', privacy_policy_version: '2026-01', created_at: createdAt, updated_at: createdAt, erased_at: null });
      devices.push({
        public_id: crypto.randomBytes(12).toString('base64url'),
        registration_number: number,
        kind: 'pc',
        vendor: 'LENOVO',
        vendor_key: 'lenovo',
        model: 'ThinkPad T14',
        serial: row.serial,
        serial_key: row.serial,
        hardware_uuid: row.hardwareUuid,
        usb_vendor_id: null,
        usb_product_id: null,
        installation_id: null,
        source: 'firmware',
        registered_at: createdAt,
        released_at: null,
        edid_product_code: null,
      });
    }
    await db.transaction().execute(async (trx) => {
      await bulkInsert(dialect, 'registrations', REGISTRATION_COLUMNS, registrations).execute(trx);
      await bulkInsert(dialect, 'devices', DEVICE_COLUMNS, devices).execute(trx);
    });
  }
  return numbers;
}
