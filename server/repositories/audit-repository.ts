import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEventsTable, HostDatabase } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored audit event as read back. */
export type AuditEventRow = Selectable<AuditEventsTable>;

/** Actions of OPERATOR-API.md's audit (at least these; new ones are added here first). */
export const AUDIT_ACTIONS = [
  'registered',
  'device_added',
  'updated',
  'password_changed',
  'recovered',
  'device_released',
  'erased',
  'transfer_requested',
  'transfer_decided',
  'exported',
  'operator_viewed',
  'operator_corrected',
  'operator_released',
  'manifest_imported',
  'token_created',
  'token_revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: the customer, an operator (token name or OIDC subject and name), or the host itself. */
export type AuditActor = { type: 'customer' } | { type: 'operator'; name: string } | { type: 'system'; name?: string };

/** One event to append; `fields` names fields, never their values. */
export interface NewAuditEvent {
  at: number;
  actor: AuditActor;
  action: AuditAction;
  registrationNumber?: string | null;
  deviceId?: string | null;
  fields?: readonly string[];
  reason?: string | null;
}

function auditRow(event: NewAuditEvent) {
  return {
    at: event.at,
    actor_type: event.actor.type,
    actor_name: event.actor.type === 'customer' ? null : (event.actor.name ?? null),
    action: event.action,
    registration_number: event.registrationNumber ?? null,
    device_id: event.deviceId ?? null,
    fields: event.fields && event.fields.length > 0 ? JSON.stringify(event.fields) : null,
    reason: event.reason ?? null,
  };
}

/** Appends one event; call it with the transaction of the change it records, so both commit or neither. */
export async function appendAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await db.insertInto('audit_events').values(auditRow(event)).execute();
}

/** Appends several events in one statement (an operator's search that showed many registrations). */
export async function appendAuditEvents(db: Db, events: readonly NewAuditEvent[]): Promise<void> {
  if (events.length > 0) await db.insertInto('audit_events').values(events.map(auditRow)).execute();
}

/** Every event of one registration, oldest first (detail pages, the owner's export). */
export async function listAuditEventsOfRegistration(db: Db, registrationNumber: string): Promise<AuditEventRow[]> {
  return db.selectFrom('audit_events').selectAll().where('registration_number', '=', registrationNumber).orderBy('id').execute();
}

/** The shape OPERATOR-API.md gives an audit event (and API.md's export reuses). */
export interface AuditEventView {
  id: string;
  at: string;
  actor: { type: AuditEventRow['actor_type']; name?: string };
  action: string;
  registrationNumber?: string;
  deviceId?: string;
  fields?: string[];
  reason?: string;
}

/** A stored event in the contract's shape. */
export function auditEventView(row: AuditEventRow): AuditEventView {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actor: { type: row.actor_type, ...(row.actor_name !== null ? { name: row.actor_name } : {}) },
    action: row.action,
    ...(row.registration_number !== null ? { registrationNumber: row.registration_number } : {}),
    ...(row.device_id !== null ? { deviceId: row.device_id } : {}),
    ...(row.fields !== null ? { fields: JSON.parse(row.fields) as string[] } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
}
