import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { transferRequestSchema, transferStatusValueSchema, type TransferCreated, type TransferDecisionValue, type TransferStatus, type TransferStatusValue } from '../../protocol';
import type { HostDatabase } from '../db/schema';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody, validationFailed } from '../http/validation';
import { appendAuditEvent, type AuditActor } from '../repositories/audit-repository';
import { findActiveDevice, findDeviceByKeys, type DeviceRow } from '../repositories/devices-repository';
import { findRegistration, type RegistrationRow } from '../repositories/registrations-repository';
import { decideTransfer, findTransfer, findTransferByTokenHash, insertTransfer, listTransfers, type ListedTransferRow, type TransferRow } from '../repositories/transfers-repository';
import { keyedHash } from '../security/request-hash';
import { recipientOf, releaseDevice } from './device-release';
import { decodeCursor, encodeCursor, limitSchema } from './operator-cursor';
import { identifyDevice } from './device-keys';
import type { ServiceDeps } from './service-deps';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** `TRANSFERS=off`: every transfer route is a plain 404. */
export function requireTransfers(deps: ServiceDeps): void {
  if (!deps.config.transfers.enabled) throw new ApiError('NOT_FOUND', 'no such resource');
}

function tokenHash(deps: ServiceDeps, decisionToken: string): string {
  return keyedHash(deps.keys.requestHashKey, `transfer-decision\u0000${decisionToken}`);
}

/** `POST /api/v1/transfers`: the owner gets a decision link by mail, or (no e-mail) operators decide. */
export async function requestTransfer(deps: ServiceDeps, rawBody: unknown): Promise<TransferCreated> {
  requireTransfers(deps);
  const request = parseOrThrow(transferRequestSchema, requireObjectBody(rawBody));
  const device = identifyDevice(request.device);
  const found = await findDeviceByKeys(deps.db, device);
  const registration = found ? await findRegistration(deps.db, found.registration_number) : undefined;
  if (!found || !registration) throw validationFailed([{ path: 'device', message: 'this device is not registered: register it instead' }]);
  const transferId = crypto.randomBytes(16).toString('base64url');
  const decisionToken = crypto.randomBytes(32).toString('base64url');
  const now = deps.now();
  const days = deps.config.transfers.ownerDays;
  await deps.db.transaction().execute(async (trx) => {
    const owner = recipientOf(registration);
    const ownerUntil = owner.email === null ? null : now + days * DAY_MS;
    await insertTransfer(trx, {
      id: transferId,
      device_id: found.public_id,
      registration_number: registration.registration_number,
      decision_token_hash: tokenHash(deps, decisionToken),
      status: 'pending',
      created_at: now,
      owner_until: ownerUntil,
      decided_at: null,
      decided_by: null,
      reason: null,
    });
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'transfer_requested', registrationNumber: registration.registration_number, deviceId: found.public_id });
    const link = `${deps.publicUrl()}/transfer/${decisionToken}`;
    await deps.mail.enqueue(trx, owner, { kind: 'transfer-requested', device: found, link, days });
  });
  deps.mail.kick();
  return { transferId };
}

/** `GET /api/v1/transfers/{transferId}`: the requester sees the status only, nothing of the owner. */
export async function transferStatus(deps: ServiceDeps, transferId: string): Promise<TransferStatus> {
  requireTransfers(deps);
  const transfer = await findTransfer(deps.db, transferId);
  if (!transfer) throw new ApiError('NOT_FOUND', 'no such transfer');
  return { status: transfer.status, ...(transfer.decided_at !== null ? { decidedAt: iso(transfer.decided_at) } : {}) };
}

/** What the owner's decision page shows: their own device, in their language; nothing of the requester. */
export interface OpenDecision {
  transfer: TransferRow;
  device: DeviceRow;
  registration: RegistrationRow;
}

/** The transfer behind an owner's decision token while it can still be decided by them; null = 410. */
export async function openDecision(deps: ServiceDeps, decisionToken: string): Promise<OpenDecision | null> {
  requireTransfers(deps);
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(decisionToken)) return null;
  const transfer = await findTransferByTokenHash(deps.db, tokenHash(deps, decisionToken));
  if (!transfer || transfer.status !== 'pending' || transfer.owner_until === null || transfer.owner_until <= deps.now()) return null;
  const registration = await findRegistration(deps.db, transfer.registration_number);
  const device = await findActiveDevice(deps.db, transfer.registration_number, transfer.device_id);
  if (!registration || registration.erased_at !== null || !device) return null;
  return { transfer, device, registration };
}

/**
 * Decides a pending transfer in one transaction: approved releases the device (audited as a
 * transfer, other pending requests for it lapse); both outcomes are audited and mailed to the owner.
 * False when it was no longer pending.
 */
async function decide(
  deps: ServiceDeps,
  open: { transfer: TransferRow; registration: RegistrationRow },
  decision: TransferDecisionValue,
  by: { actor: AuditActor; decidedBy: string; reason: string | null },
): Promise<boolean> {
  const now = deps.now();
  const { transfer, registration } = open;
  const decided = await deps.db.transaction().execute(async (trx: Transaction<HostDatabase>) => {
    const status = decision === 'approve' ? 'approved' : 'declined';
    if (!(await decideTransfer(trx, transfer.id, { status, decidedBy: by.decidedBy, reason: by.reason, now }))) return false;
    const device = await findActiveDevice(trx, transfer.registration_number, transfer.device_id);
    if (!device) throw new ApiError('NOT_FOUND', 'the device has already left the registration');
    const action = by.actor.type === 'operator' ? 'operator_released' : 'device_released';
    if (status === 'approved') await releaseDevice(trx, device, { actor: by.actor, action, reason: `transfer ${transfer.id}` }, now, transfer.id);
    await appendAuditEvent(trx, { at: now, actor: by.actor, action: 'transfer_decided', registrationNumber: transfer.registration_number, deviceId: transfer.device_id, reason: by.reason ?? status });
    await deps.mail.enqueue(trx, recipientOf(registration), { kind: 'transfer-decided', device, approved: status === 'approved' });
    return true;
  });
  if (decided) deps.mail.kick();
  return decided;
}

/** The owner's decision from the page; false means the token is stale (410). */
export async function decideByOwner(deps: ServiceDeps, decisionToken: string, decision: TransferDecisionValue): Promise<boolean> {
  const open = await openDecision(deps, decisionToken);
  if (!open) return false;
  return decide(deps, open, decision, { actor: { type: 'customer' }, decidedBy: 'owner', reason: null });
}

/** A transfer as operators see it (OPERATOR-API.md: the transfer with `decidedBy`). */
export interface OperatorTransferView {
  transferId: string;
  status: TransferStatusValue;
  deviceId: string;
  /** The device asked for, so support sees what the buyer holds (serials are not personal information). */
  device?: { kind: string; vendor: string; model: string; serial: string | null };
  registrationNumber: string;
  requestedAt: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
}

function operatorView(row: TransferRow | ListedTransferRow): OperatorTransferView {
  const device = 'device_kind' in row && row.device_kind !== null ? { kind: row.device_kind, vendor: row.device_vendor ?? '', model: row.device_model ?? '', serial: row.device_serial } : undefined;
  return {
    transferId: row.id,
    status: row.status,
    deviceId: row.device_id,
    ...(device !== undefined ? { device } : {}),
    registrationNumber: row.registration_number,
    requestedAt: iso(row.created_at),
    ...(row.decided_at !== null ? { decidedAt: iso(row.decided_at) } : {}),
    ...(row.decided_by !== null ? { decidedBy: row.decided_by } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
}

const operatorListQuerySchema = z.object({
  status: transferStatusValueSchema.optional().transform((value) => value ?? 'pending'),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

/**
 * `GET /transfers` (operators): one status (default `pending` = waiting for an operator: the owner's
 * days ran out, or no owner e-mail), oldest first so the longest wait is on top, cursor-paged like
 * every operator list (`limit` 1–100, default 50; `nextCursor` null on the last page).
 */
export async function listTransfersForOperators(deps: ServiceDeps, rawQuery: unknown): Promise<{ items: OperatorTransferView[]; nextCursor: string | null }> {
  requireTransfers(deps);
  const { status, limit, cursor } = parseOrThrow(operatorListQuerySchema, rawQuery);
  const decoded = cursor === undefined ? undefined : decodeCursor(cursor);
  if (decoded !== undefined && typeof decoded[1] !== 'string') throw validationFailed([{ path: 'cursor', message: 'not a cursor this API returned' }]);
  const after = decoded === undefined ? undefined : { createdAt: decoded[0], id: String(decoded[1]) };
  const rows = await listTransfers(deps.db, status, deps.now(), { limit: limit + 1, after });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(operatorView), nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.created_at, last.id]) : null };
}

/** An operator decides a transfer waiting for them; 404 unknown, 409 ALREADY_DECIDED is left to the operator API's codes. */
export async function decideByOperator(
  deps: ServiceDeps,
  transferId: string,
  decision: TransferDecisionValue,
  operator: { name: string; reason: string },
): Promise<OperatorTransferView | null> {
  requireTransfers(deps);
  const transfer = await findTransfer(deps.db, transferId);
  const registration = transfer ? await findRegistration(deps.db, transfer.registration_number) : undefined;
  if (!transfer || !registration) throw new ApiError('NOT_FOUND', 'no such transfer');
  const decided = await decide(deps, { transfer, registration }, decision, { actor: { type: 'operator', name: operator.name }, decidedBy: operator.name, reason: operator.reason });
  if (!decided) return null;
  const after = await findTransfer(deps.db, transferId);
  return after ? operatorView(after) : null;
}
