import { mailLocaleSchema, type DeviceReleased, type RegistrationErased, type RegistrationExport } from '../../protocol';
import { compactAfterErasure } from '../db/store-compaction';
import { ApiError } from '../http/api-error';
import { appendAuditEvent, auditEventView, listAuditEventsOfRegistration } from '../repositories/audit-repository';
import { listConsents } from '../repositories/consents-repository';
import { findActiveDevice, listDevicesOfRegistration, markDevicesReleased } from '../repositories/devices-repository';
import { dropUnsentMail } from '../repositories/mail-queue-repository';
import { deleteRecoveryCode } from '../repositories/recovery-codes-repository';
import { findRegistration, updateRegistration } from '../repositories/registrations-repository';
import { expirePendingTransfers } from '../repositories/transfers-repository';
import { columnsToCustomer } from './customer-record';
import { customerSearchKeys } from './customer-search-keys';
import { recipientOf, releaseDevice } from './device-release';
import { registeredDeviceView } from './device-rows';
import type { ServiceDeps } from './service-deps';

const iso = (ms: number) => new Date(ms).toISOString();

/** The registration an authorised owner acts on (authorisation already refused erased ones). */
async function ownRegistration(deps: ServiceDeps, registrationNumber: string) {
  const registration = await findRegistration(deps.db, registrationNumber);
  if (!registration || registration.erased_at !== null) throw new ApiError('FORBIDDEN', 'this token does not grant access to that registration');
  return registration;
}

/** APPI Art. 33 / GDPR Art. 15: everything the host holds about the registration; the export itself is audited. */
export async function exportRegistration(deps: ServiceDeps, registrationNumber: string): Promise<RegistrationExport> {
  const registration = await ownRegistration(deps, registrationNumber);
  return deps.db.transaction().execute(async (trx) => {
    await appendAuditEvent(trx, { at: deps.now(), actor: { type: 'customer' }, action: 'exported', registrationNumber });
    const devices = await listDevicesOfRegistration(trx, registrationNumber, { includeReleased: true });
    const consents = await listConsents(trx, registrationNumber);
    const events = await listAuditEventsOfRegistration(trx, registrationNumber);
    const locale = mailLocaleSchema.safeParse(registration.locale);
    return {
      registrationNumber,
      locale: locale.success ? locale.data : 'ja',
      customer: columnsToCustomer(registration),
      devices: devices.map((row) => ({
        ...registeredDeviceView(row),
        ...(row.hardware_uuid !== null ? { hardwareUuid: row.hardware_uuid } : {}),
        ...(row.released_at !== null ? { releasedAt: iso(row.released_at) } : {}),
      })),
      consents: consents.map((row) => ({ privacyPolicyVersion: row.privacy_policy_version, at: iso(row.at) })),
      events: events.map(auditEventView),
    };
  });
}

/** The owner releases one device (before selling it): anyone may then register it. */
export async function releaseOwnDevice(deps: ServiceDeps, registrationNumber: string, deviceId: string): Promise<DeviceReleased> {
  const registration = await ownRegistration(deps, registrationNumber);
  const now = deps.now();
  const released = await deps.db.transaction().execute(async (trx) => {
    const device = await findActiveDevice(trx, registrationNumber, deviceId);
    if (!device) return false;
    await releaseDevice(trx, device, { actor: { type: 'customer' }, action: 'device_released' }, now);
    await deps.mail.enqueue(trx, recipientOf(registration), { kind: 'device-released', registrationNumber, device });
    return true;
  });
  if (!released) throw new ApiError('NOT_FOUND', 'this registration holds no such device');
  deps.mail.kick();
  return { releasedAt: iso(now) };
}

/**
 * APPI Art. 35 / GDPR Art. 17: every device released, personal information and password hash
 * overwritten (not flagged), tokens ended, an `erased` notice to the address that was on record,
 * and an audit event without personal information. SQLite's WAL is folded back at once and again
 * after the notice left (the mail queue then holds no address or text).
 */
export async function eraseRegistration(deps: ServiceDeps, registrationNumber: string): Promise<RegistrationErased> {
  const registration = await ownRegistration(deps, registrationNumber);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const devices = await listDevicesOfRegistration(trx, registrationNumber);
    await markDevicesReleased(
      trx,
      devices.map((device) => device.id),
      now,
    );
    for (const device of devices) await expirePendingTransfers(trx, device.public_id, now);
    await dropUnsentMail(trx, registrationNumber);
    await deleteRecoveryCode(trx, registrationNumber);
    await updateRegistration(trx, registrationNumber, {
      name: '',
      name_kana: null,
      email: null,
      phone: null,
      postal_code: null,
      address: '',
      country: '',
      password_hash: '',
      // The operator search keys derive from the values above: erased with them.
      ...customerSearchKeys({ name: '', name_kana: null, email: null, phone: null, country: '' }),
      token_version: registration.token_version + 1,
      erased_at: now,
      updated_at: now,
    });
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'erased', registrationNumber });
    await deps.mail.enqueue(trx, recipientOf(registration), { kind: 'erased' });
  });
  await compactAfterErasure(deps.db, deps.dialect);
  deps.mail.kick();
  return { erasedAt: iso(now) };
}
