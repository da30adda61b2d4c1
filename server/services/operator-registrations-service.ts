import { z } from 'zod';
import { CUSTOMER_FIELDS, customerSchema, normaliseRegistrationNumber, normaliseSerial, normaliseUuid, type CustomerField } from '../../protocol';
import { ApiError } from '../http/api-error';
import { fieldErrors, parseOrThrow, requireObjectBody, validationFailed } from '../http/validation';
import { appendAuditEvent, appendAuditEvents, auditEventView, listAuditEventsOfRegistration, type AuditEventView } from '../repositories/audit-repository';
import { listConsents } from '../repositories/consents-repository';
import { findLiveRegistration, searchRegistrations, type RegistrationSearch } from '../repositories/operator-search-repository';
import { updateRegistration, type RegistrationRow } from '../repositories/registrations-repository';
import type { DeviceRow } from '../repositories/devices-repository';
import { changedCustomerFields, columnsToCustomer, customerToColumns } from './customer-record';
import { customerSearchKeys, emailSearchKey, phoneSearchKey, textSearchKey } from './customer-search-keys';
import { releaseDevice } from './device-release';
import { decodeCursor, encodeCursor, limitSchema } from './operator-cursor';
import { actorName, seesPersonalInformation, type OperatorPrincipal } from './operator-roles';
import type { ServiceDeps } from './service-deps';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** Phone-looking input: digits with the usual separators, at least 6 digits. */
const PHONE = /^\+?[\d\s().\-‐－ー０-９＋]{6,}$/u;

const searchQuerySchema = z.object({
  q: z.string().max(200, 'at most 200 characters').optional(),
  kind: z.string().min(1).max(32).optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

/** A device as search results list it. */
interface DeviceListItem {
  id: string;
  kind: string;
  vendor: string;
  model: string;
  serial: string | null;
}

function deviceListItem(row: DeviceRow): DeviceListItem {
  return { id: row.public_id, kind: row.kind, vendor: row.vendor, model: row.model, serial: row.serial };
}

/** Which keys typed input can be, for this role (viewers never search by personal information). */
export function searchKeysOf(q: string, seesPI: boolean): Omit<RegistrationSearch, 'limit' | 'cursor' | 'kind'> {
  const text = q.normalize('NFKC').trim();
  if (text === '') return {};
  const keys: Omit<RegistrationSearch, 'limit' | 'cursor' | 'kind'> = { serialKey: normaliseSerial(text) };
  const number = normaliseRegistrationNumber(text);
  if (number !== null) keys.registrationNumber = number;
  if (UUID.test(text)) keys.hardwareUuid = normaliseUuid(text.replace(/-/g, '').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'));
  if (seesPI) {
    if (text.includes('@')) keys.emailKey = emailSearchKey(text);
    if (PHONE.test(text)) {
      const e164 = phoneSearchKey(text, text.startsWith('+') ? undefined : 'JP');
      if (e164 !== null) keys.phoneE164 = e164;
    }
    keys.namePrefix = textSearchKey(text);
  }
  return keys;
}

/** `GET /registrations`: newest first, only current devices, customer fields for support and admin only. */
export async function searchForOperator(deps: ServiceDeps, principal: OperatorPrincipal, query: unknown) {
  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error.issues));
  const { q, kind, limit, cursor } = parsed.data;
  const seesPI = seesPersonalInformation(principal.role);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (after !== undefined && typeof after[1] !== 'string') throw validationFailed([{ path: 'cursor', message: 'not a cursor this API returned' }]);
  const rows = await searchRegistrations(deps.db, {
    ...(q === undefined ? {} : searchKeysOf(q, seesPI)),
    kind,
    limit: limit + 1,
    cursor: after === undefined ? undefined : { createdAt: after[0], registrationNumber: String(after[1]) },
  });
  const pageRows = rows.slice(0, limit);
  const devices = pageRows.length === 0 ? [] : await deps.db.selectFrom('devices').selectAll().where('registration_number', 'in', pageRows.map((row) => row.registration_number)).where('released_at', 'is', null).orderBy('id').execute();
  const items = pageRows.map((row) => ({
    registrationNumber: row.registration_number,
    registeredAt: new Date(row.created_at).toISOString(),
    ...(seesPI ? { customer: { name: row.name, ...(row.email !== null ? { email: row.email } : {}) } } : {}),
    devices: devices.filter((device) => device.registration_number === row.registration_number).map(deviceListItem),
  }));
  const last = pageRows.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.created_at, last.registration_number]) : null;
  if (seesPI && items.length > 0) {
    const now = deps.now();
    const actor = { type: 'operator', name: actorName(principal) } as const;
    await appendAuditEvents(deps.db, items.map((item) => ({ at: now, actor, action: 'operator_viewed', registrationNumber: item.registrationNumber, fields: ['name', 'email'] })));
  }
  return { items, nextCursor };
}

/** The path's number as typed, or 404 (a number that cannot exist names nothing). */
function liveNumber(input: string): string {
  const number = normaliseRegistrationNumber(input);
  if (number === null) throw new ApiError('NOT_FOUND', 'no such registration');
  return number;
}

async function liveRegistration(deps: ServiceDeps, input: string): Promise<RegistrationRow> {
  const row = await findLiveRegistration(deps.db, liveNumber(input));
  if (!row) throw new ApiError('NOT_FOUND', 'no such registration');
  return row;
}

/** `GET /registrations/{number}`: everything the contract lists; reading personal information is audited. */
export async function registrationDetail(deps: ServiceDeps, principal: OperatorPrincipal, input: string) {
  const row = await liveRegistration(deps, input);
  const number = row.registration_number;
  const seesPI = seesPersonalInformation(principal.role);
  const devices = await deps.db.selectFrom('devices').selectAll().where('registration_number', '=', number).orderBy('id').execute();
  const findings = devices.length === 0 ? [] : await deps.db.selectFrom('device_findings').selectAll().where('device_id', 'in', devices.map((device) => device.id)).execute();
  const consents = await listConsents(deps.db, number);
  if (seesPI) {
    await appendAuditEvent(deps.db, { at: deps.now(), actor: { type: 'operator', name: actorName(principal) }, action: 'operator_viewed', registrationNumber: number, fields: [...CUSTOMER_FIELDS] });
  }
  const events: AuditEventView[] = (await listAuditEventsOfRegistration(deps.db, number)).map(auditEventView);
  return {
    registrationNumber: number,
    registeredAt: new Date(row.created_at).toISOString(),
    ...(seesPI ? { customer: columnsToCustomer(row) } : {}),
    locale: row.locale,
    consents: consents.map((consent) => ({ privacyPolicyVersion: consent.privacy_policy_version, at: new Date(consent.at).toISOString() })),
    devices: devices.map((device) => ({
      ...deviceListItem(device),
      ...(device.hardware_uuid !== null ? { hardwareUuid: device.hardware_uuid } : {}),
      registeredAt: new Date(device.registered_at).toISOString(),
      ...(device.released_at !== null ? { releasedAt: new Date(device.released_at).toISOString() } : {}),
      findings: findings.filter((finding) => finding.device_id === device.id).map((finding) => finding.finding),
    })),
    events,
  };
}

const reasonSchema = z.string().trim().min(3, 'at least 3 characters').max(500, 'at most 500 characters');
const correctionSchema = z.strictObject({
  customer: z.strictObject(Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, z.string().optional()])) as Record<CustomerField, z.ZodOptional<z.ZodString>>),
  reason: reasonSchema,
});

/** `PATCH /registrations/{number}` (support): the partial customer over the stored one, validated as API.md validates customers. */
export async function correctRegistration(deps: ServiceDeps, principal: OperatorPrincipal, input: string, rawBody: unknown): Promise<{ changed: boolean; changedFields: CustomerField[] }> {
  const row = await liveRegistration(deps, input);
  const request = parseOrThrow(correctionSchema, requireObjectBody(rawBody));
  const merged: Record<string, string | undefined> = { ...columnsToCustomer(row) };
  for (const [field, value] of Object.entries(request.customer)) if (value !== undefined) merged[field] = value;
  const validated = customerSchema(deps.config.fieldPolicies).safeParse(merged);
  if (!validated.success) throw validationFailed(fieldErrors(validated.error.issues, ['customer']));
  const next = customerToColumns(validated.data);
  const changedFields = changedCustomerFields(row, next);
  if (changedFields.length === 0) return { changed: false, changedFields: [] };
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateRegistration(trx, row.registration_number, { ...next, ...customerSearchKeys(next), updated_at: now });
    await appendAuditEvent(trx, { at: now, actor: { type: 'operator', name: actorName(principal) }, action: 'operator_corrected', registrationNumber: row.registration_number, fields: changedFields, reason: request.reason });
  });
  return { changed: true, changedFields };
}

const releaseSchema = z.strictObject({ reason: reasonSchema });

/** `POST /devices/{id}/release` (support): the device leaves its registration and can be registered anew. */
export async function releaseForOperator(deps: ServiceDeps, principal: OperatorPrincipal, publicId: string, rawBody: unknown): Promise<{ releasedAt: string }> {
  const request = parseOrThrow(releaseSchema, requireObjectBody(rawBody));
  const { releasedAt } = await deps.db.transaction().execute((trx) =>
    releaseDevice(trx, { publicId, at: deps.now(), actor: { type: 'operator', name: actorName(principal) }, action: 'operator_released', reason: request.reason }),
  );
  return { releasedAt: new Date(releasedAt).toISOString() };
}
