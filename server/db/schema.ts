import type { ColumnType, Generated } from 'kysely';

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
  /** Language of every mail about this registration. */
  locale: Generated<string>;
  /** Bumped when the password changes or the registration is erased; tokens carry it. */
  token_version: Generated<number>;
  /** Set when the owner erased the registration (personal fields are overwritten then). */
  erased_at: number | null;
  /** Operator search keys (0004-operator), derived from the customer by customerSearchKeys. */
  email_key: Generated<string | null>;
  phone_e164: Generated<string | null>;
  name_key: Generated<string | null>;
  name_kana_key: Generated<string | null>;
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
  /** Opaque, stable id shown to customers and operators (never the row id). */
  public_id: string;
  /** Set when the device left its registration; it then holds none of the unique keys. */
  released_at: number | null;
  edid_product_code: string | null;
  /** 1 when the PC proved possession of its TPM (docs/attestation.md), else 0. */
  attested: ColumnType<number, number | undefined, number>;
  /** Lower-case hex SHA-256 of the attested EK's SubjectPublicKeyInfo (DER), or null. */
  ek_public_sha256: ColumnType<string | null, string | null | undefined, string | null>;
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

/** Every privacy-policy version a registration consented to, and when. */
export interface ConsentsTable {
  id: Generated<number>;
  registration_number: string;
  privacy_policy_version: string;
  at: number;
}

/** Append-only audit: who did what to which registration; never a personal-information value. */
export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  actor_type: 'customer' | 'operator' | 'system';
  actor_name: string | null;
  action: string;
  registration_number: string | null;
  device_id: string | null;
  /** JSON array of field names (never values). */
  fields: string | null;
  reason: string | null;
}

/** Findings operators see on a device (not_in_manifest, manifest_mismatch, cloned_installation). */
export interface DeviceFindingsTable {
  device_id: number;
  finding: string;
  at: number;
}

/** Mail written in the transaction of the change it reports; sent after commit, once (stable Message-ID). */
export interface MailQueueTable {
  id: Generated<number>;
  message_id: string;
  notice: string;
  registration_number: string | null;
  /** Overwritten with null once sent: the queue keeps no address or text of sent mail. */
  to_address: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  created_at: number;
  next_attempt_at: number;
  attempts: Generated<number>;
  /** Lease of the host process sending it now; another process skips it until then. */
  claimed_until: number | null;
  sent_at: number | null;
}

/** The one live recovery code of a registration (keyed hash only); a new request replaces it. */
export interface RecoveryCodesTable {
  registration_number: string;
  code_hash: string;
  expires_at: number;
  wrong_tries: Generated<number>;
}

/** A second-hand buyer's request for a registered device, decided by its owner or an operator. */
export interface TransfersTable {
  /** The requester's only handle (128 random bits). */
  id: string;
  /** Public id of the device asked for. */
  device_id: string;
  /** The owner's registration when requested. */
  registration_number: string;
  decision_token_hash: string;
  status: 'pending' | 'approved' | 'declined' | 'expired';
  created_at: number;
  /** Until when the owner's link decides; null = straight to operators (no owner e-mail). */
  owner_until: number | null;
  decided_at: number | null;
  /** "owner", or the operator's name. */
  decided_by: string | null;
  reason: string | null;
}

/** One manifest import: when, by whom, and what it did. */
export interface ManifestsTable {
  id: string;
  at: number;
  actor: string;
  rows: number;
  added: number;
  unchanged: number;
  updated: number;
  rejected: number;
}

/** What the manifest says of one shipped device, keyed as registrations are (canonical vendor and serial keys). */
export interface ManifestDeviceColumns {
  kind: string;
  vendor: string;
  vendor_key: string;
  model: string;
  serial: string;
  serial_key: string;
  hardware_uuid: string | null;
  /** Lower-case hex SHA-256 of the TPM endorsement key's public part (read by the attestation work). */
  ek_public_sha256: string | null;
  shipped_at: number | null;
}

/** A device the maker shipped, with the import that last wrote it. */
export interface ManifestDevicesTable extends ManifestDeviceColumns {
  id: Generated<number>;
  manifest_id: string;
}

/** Rows of a manifest import in progress (moved to manifest_devices in one transaction at its end). */
export interface ManifestStagingTable extends ManifestDeviceColumns {
  manifest_id: string;
  line: number;
}

/** A program's bearer token: only its keyed hash is stored. */
export interface OperatorTokensTable {
  id: Generated<number>;
  name: string;
  role: string;
  token_hash: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

/** A signed-in person's console session, keyed by a hash of the cookie value. */
export interface OperatorSessionsTable {
  id_hash: string;
  subject: string;
  name: string;
  role: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
}

/** An OpenID Connect sign-in between the redirect and the callback (state, nonce, PKCE verifier). */
export interface OperatorSignInsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: number;
}

/** Why a customer was refused (PI-free), so support can answer the call. */
export interface RefusalsTable {
  id: Generated<number>;
  at: number;
  endpoint: string;
  kind: string;
  vendor: string;
  model: string;
  serial: string | null;
  serial_key: string | null;
  hardware_uuid: string | null;
  reason: string;
  matched_on: string | null;
  registration_number: string | null;
}

/** The Kysely database type of the host's store. */
export interface HostDatabase {
  registrations: RegistrationsTable;
  devices: DevicesTable;
  idempotency_records: IdempotencyRecordsTable;
  lookup_failures: LookupFailuresTable;
  consents: ConsentsTable;
  audit_events: AuditEventsTable;
  device_findings: DeviceFindingsTable;
  mail_queue: MailQueueTable;
  recovery_codes: RecoveryCodesTable;
  transfers: TransfersTable;
  operator_tokens: OperatorTokensTable;
  operator_sessions: OperatorSessionsTable;
  operator_sign_ins: OperatorSignInsTable;
  refusals: RefusalsTable;
  manifests: ManifestsTable;
  manifest_devices: ManifestDevicesTable;
  manifest_staging: ManifestStagingTable;
  attestation_challenges: AttestationChallengesTable;
}

/** Open TPM credential challenges: only a hash of the secret, single use, short-lived. */
export interface AttestationChallengesTable {
  attestation_id: string;
  secret_sha256: string;
  ek_public_sha256: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}
