import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { HostDatabase } from '../db/schema';
import type { RegistrationRow } from './registrations-repository';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;

/** Where a page of newest-first registrations continues: the last row's (created_at, number). */
export interface RegistrationCursor {
  createdAt: number;
  registrationNumber: string;
}

/** What a search may match; each present key is looked up by its own index and the results merged. */
export interface RegistrationSearch {
  kind?: string;
  cursor?: RegistrationCursor;
  limit: number;
  registrationNumber?: string;
  serialKey?: string;
  hardwareUuid?: string;
  emailKey?: string;
  phoneE164?: string;
  /** A name-or-reading prefix (already a textSearchKey). */
  namePrefix?: string;
}

/** The largest code point: `prefix <= key < prefix + MAX` is "key starts with prefix" in byte order. */
const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

type RegistrationQuery = SelectQueryBuilder<HostDatabase, 'registrations', RegistrationRow>;

/** Live registrations, newest first, after the cursor, holding a current device of `kind` when given. */
function page(db: Db, search: RegistrationSearch): RegistrationQuery {
  let query = db.selectFrom('registrations').selectAll().where('erased_at', 'is', null);
  const cursor = search.cursor;
  if (cursor) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('registration_number', '<', cursor.registrationNumber)])]),
    );
  }
  if (search.kind !== undefined) {
    const kind = search.kind;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('devices')
          .select('devices.id')
          .whereRef('devices.registration_number', '=', 'registrations.registration_number')
          .where('devices.kind', '=', kind)
          .where('devices.released_at', 'is', null),
      ),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('registration_number', 'desc').limit(search.limit);
}

/** Registration numbers holding a current device with this serial key or hardware UUID. */
async function numbersOfDevices(db: Db, search: RegistrationSearch): Promise<string[]> {
  const numbers: string[] = [];
  if (search.serialKey !== undefined) {
    const rows = await db.selectFrom('devices').select('registration_number').where('serial_key', '=', search.serialKey).where('released_at', 'is', null).limit(1000).execute();
    numbers.push(...rows.map((row) => row.registration_number));
  }
  if (search.hardwareUuid !== undefined) {
    const rows = await db.selectFrom('devices').select('registration_number').where('hardware_uuid', '=', search.hardwareUuid).where('released_at', 'is', null).limit(1000).execute();
    numbers.push(...rows.map((row) => row.registration_number));
  }
  return numbers;
}

function newestFirst(a: RegistrationRow, b: RegistrationRow): number {
  if (a.created_at !== b.created_at) return b.created_at - a.created_at;
  return a.registration_number < b.registration_number ? 1 : a.registration_number > b.registration_number ? -1 : 0;
}

/**
 * One page of registrations matching any of the search's keys (or every live one without keys),
 * newest first. Each kind of key runs as its own indexed query, so none scans the table.
 */
export async function searchRegistrations(db: Db, search: RegistrationSearch): Promise<RegistrationRow[]> {
  const hasKey = [search.registrationNumber, search.serialKey, search.hardwareUuid, search.emailKey, search.phoneE164, search.namePrefix].some((key) => key !== undefined);
  if (!hasKey) return page(db, search).execute();
  const queries: Array<Promise<RegistrationRow[]>> = [];
  const numbers = await numbersOfDevices(db, search);
  if (search.registrationNumber !== undefined) numbers.push(search.registrationNumber);
  if (numbers.length > 0) queries.push(page(db, search).where('registration_number', 'in', [...new Set(numbers)]).execute());
  if (search.emailKey !== undefined) queries.push(page(db, search).where('email_key', '=', search.emailKey).execute());
  if (search.phoneE164 !== undefined) queries.push(page(db, search).where('phone_e164', '=', search.phoneE164).execute());
  const prefix = search.namePrefix;
  if (prefix !== undefined) {
    queries.push(page(db, search).where('name_key', '>=', prefix).where('name_key', '<', prefix + MAX_CODE_POINT).execute());
    queries.push(page(db, search).where('name_kana_key', '>=', prefix).where('name_kana_key', '<', prefix + MAX_CODE_POINT).execute());
  }
  const merged = new Map<string, RegistrationRow>();
  for (const rows of await Promise.all(queries)) for (const row of rows) merged.set(row.registration_number, row);
  return [...merged.values()].sort(newestFirst).slice(0, search.limit);
}

/** The live (not erased) registration with this canonical number. */
export async function findLiveRegistration(db: Db, registrationNumber: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('registration_number', '=', registrationNumber).where('erased_at', 'is', null).executeTakeFirst();
}
