import type { Generated } from 'kysely';

/** One registration: the customer and the password hash; devices hang off it by number. */
export interface RegistrationsTable {
  registration_number: string;
  name: string;
  name_kana: string | null;
  email: string | null;
  phone: string | null;
  postal_code: string | null;
  address: string;
  country: string;
  password_hash: string;
  privacy_policy_version: string;
  created_at: number;
  updated_at: number;
}

/** Registered devices of every kind; kind is part of every unique key so kinds never collide. */
export interface DevicesTable {
  id: Generated<number>;
  registration_number: string;
  kind: string;
  vendor: string;
  vendor_key: string;
  model: string;
  serial: string | null;
  serial_key: string | null;
  hardware_uuid: string | null;
  usb_vendor_id: string | null;
  usb_product_id: string | null;
  installation_id: string | null;
  source: string;
  registered_at: number;
}

/** Request ids that produced a 201, with a keyed hash of the body (never the body). */
export interface IdempotencyRecordsTable {
  scope: string;
  request_id: string;
  body_hash: string;
  response_body: string | null;
  created_at: number;
}

/** Failed lookups per device key, counted in the database so every host process shares them. */
export interface LookupFailuresTable {
  id: Generated<number>;
  key_hash: string;
  failed_at: number;
}

/** The Kysely database type of the host's store. */
export interface HostDatabase {
  registrations: RegistrationsTable;
  devices: DevicesTable;
  idempotency_records: IdempotencyRecordsTable;
  lookup_failures: LookupFailuresTable;
}
