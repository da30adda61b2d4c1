import crypto from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DevicesTable, HostDatabase, RegistrationsTable } from '../server/db/schema';
import { customerSearchKeys } from '../server/services/customer-search-keys';
import { makeRegistrationNumber } from '../protocol';

const BATCH = 500;
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

/**
 * Inserts `count` registrations (one PC each) straight into the store with batched multi-row inserts
 * in transactions (never through HTTP), spread over the last 60 days; returns their numbers in order.
 */
export async function fillRegistrations(db: Kysely<HostDatabase>, count: number, start = 0, now = Date.now()): Promise<string[]> {
  const numbers: string[] = [];
  for (let offset = 0; offset < count; offset += BATCH) {
    const size = Math.min(BATCH, count - offset);
    const registrations: Array<Insertable<RegistrationsTable>> = [];
    const devices: Array<Insertable<DevicesTable>> = [];
    for (let k = 0; k < size; k += 1) {
      const i = start + offset + k;
      const row = syntheticRow(i);
      const number = makeRegistrationNumber(crypto.randomBytes(11));
      const createdAt = now - 60 * DAY_MS + Math.floor(((offset + k) / Math.max(1, count)) * 60 * DAY_MS);
      const columns = { name: row.name, name_kana: null, email: row.email, phone: row.phone, postal_code: '100-0001', address: `Chiyoda ${i}`, country: 'JP' };
      numbers.push(number);
      registrations.push({ registration_number: number, ...columns, ...customerSearchKeys(columns), password_hash: 'x', privacy_policy_version: '2026-01', created_at: createdAt, updated_at: createdAt, erased_at: null });
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
      await trx.insertInto('registrations').values(registrations).execute();
      await trx.insertInto('devices').values(devices).execute();
    });
  }
  return numbers;
}
