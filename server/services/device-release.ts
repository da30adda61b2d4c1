import { sql, type Transaction } from 'kysely';
import type { HostDatabase } from '../db/schema';
import { ApiError } from '../http/api-error';
import { appendAuditEvent, type AuditAction, type AuditActor } from '../repositories/audit-repository';

/** Who released the device and why, as the audit records it. */
export interface ReleaseRequest {
  publicId: string;
  at: number;
  actor: AuditActor;
  /** `operator_released` (operator), `device_released` (the owner), or a transfer's own action. */
  action: AuditAction;
  reason?: string;
  /** When given, the device must belong to this registration (the owner's own release); else 404. */
  registrationNumber?: string;
}

/**
 * Releases one device inside the caller's transaction: it stays on record but leaves the unique
 * keys (so it can be registered anew), its registration's tokens stop working (token_version), and
 * the audit event is written in the same transaction. 404 unknown device, 409 ALREADY_RELEASED.
 */
export async function releaseDevice(trx: Transaction<HostDatabase>, request: ReleaseRequest): Promise<{ registrationNumber: string; releasedAt: number }> {
  let query = trx.selectFrom('devices').select(['id', 'registration_number', 'released_at']).where('public_id', '=', request.publicId);
  if (request.registrationNumber !== undefined) query = query.where('registration_number', '=', request.registrationNumber);
  const device = await query.executeTakeFirst();
  if (!device) throw new ApiError('NOT_FOUND', 'no such device');
  const released = await trx.updateTable('devices').set({ released_at: request.at }).where('id', '=', device.id).where('released_at', 'is', null).executeTakeFirst();
  if (Number(released.numUpdatedRows) === 0) throw new ApiError('ALREADY_RELEASED', 'this device was already released');
  await trx
    .updateTable('registrations')
    .set({ token_version: sql<number>`token_version + 1` })
    .where('registration_number', '=', device.registration_number)
    .execute();
  await appendAuditEvent(trx, {
    at: request.at,
    actor: request.actor,
    action: request.action,
    registrationNumber: device.registration_number,
    deviceId: request.publicId,
    reason: request.reason ?? null,
  });
  return { registrationNumber: device.registration_number, releasedAt: request.at };
}
