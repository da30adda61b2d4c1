import { sql, type Transaction } from 'kysely';
import { mailLocaleSchema } from '../../protocol';
import type { HostDatabase } from '../db/schema';
import { ApiError } from '../http/api-error';
import type { MailRecipient } from '../mail/mail-outbox';
import { appendAuditEvent, type AuditAction, type AuditActor } from '../repositories/audit-repository';
import { markDevicesReleased, type DeviceRow } from '../repositories/devices-repository';
import type { RegistrationRow } from '../repositories/registrations-repository';
import { expirePendingTransfers } from '../repositories/transfers-repository';

/** Where the registration's mail goes: its e-mail on record, in its locale. */
export function recipientOf(registration: Pick<RegistrationRow, 'registration_number' | 'email' | 'locale'>): MailRecipient {
  const locale = mailLocaleSchema.safeParse(registration.locale);
  return { email: registration.email, locale: locale.success ? locale.data : 'ja', registrationNumber: registration.registration_number };
}

/** Who released a device and why, for the audit. */
export interface ReleaseCause {
  actor: AuditActor;
  action: Extract<AuditAction, 'device_released' | 'operator_released'>;
  reason?: string;
}

/**
 * Releases one device inside the caller's transaction: it stays on record but leaves every unique
 * key (anyone may register it anew), pending transfers of it lapse, and the audit records who did it.
 * Tokens issued for it stop working because authorisation checks the device is still held.
 */
export async function releaseDevice(trx: Transaction<HostDatabase>, device: DeviceRow, cause: ReleaseCause, now: number, keepTransferId?: string): Promise<void> {
  await markDevicesReleased(trx, [device.id], now);
  await expirePendingTransfers(trx, device.public_id, now, keepTransferId);
  await appendAuditEvent(trx, {
    at: now,
    actor: cause.actor,
    action: cause.action,
    registrationNumber: device.registration_number,
    deviceId: device.public_id,
    reason: cause.reason ?? null,
  });
}

/** Who released the device and why, as the audit records it. */
export interface ReleaseRequest {
  publicId: string;
  at: number;
  actor: AuditActor;
  action: ReleaseCause['action'];
  reason?: string;
  /** When given, the device must belong to this registration (the owner's own release); else 404. */
  registrationNumber?: string;
}

/**
 * Releases a device found by its public id (the operator's release, OPERATOR-API.md): as releaseDevice,
 * and every token of its registration stops working (token_version). 404 unknown device, 409 ALREADY_RELEASED.
 */
export async function releaseDeviceById(trx: Transaction<HostDatabase>, request: ReleaseRequest): Promise<{ registrationNumber: string; releasedAt: number }> {
  let query = trx.selectFrom('devices').selectAll().where('public_id', '=', request.publicId);
  if (request.registrationNumber !== undefined) query = query.where('registration_number', '=', request.registrationNumber);
  const device = await query.executeTakeFirst();
  if (!device) throw new ApiError('NOT_FOUND', 'no such device');
  if (device.released_at !== null) throw new ApiError('ALREADY_RELEASED', 'this device was already released');
  await releaseDevice(trx, device, { actor: request.actor, action: request.action, ...(request.reason !== undefined ? { reason: request.reason } : {}) }, request.at);
  await trx
    .updateTable('registrations')
    .set({ token_version: sql<number>`token_version + 1` })
    .where('registration_number', '=', device.registration_number)
    .execute();
  return { registrationNumber: device.registration_number, releasedAt: request.at };
}
