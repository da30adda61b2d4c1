import { lookupRequestSchema, type LookupResponse } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody } from '../http/validation';
import { listDevicesOfRegistration } from '../repositories/devices-repository';
import { findRegistration } from '../repositories/registrations-repository';
import { columnsToCustomer } from './customer-record';
import { identifyDevice } from './device-keys';
import { reserveAttempt } from './lookup-lockout';
import type { ServiceDeps } from './service-deps';

/** Start of an update (API.md lookup): device + password → customer, devices and a short-lived token. */
export async function lookUp(deps: ServiceDeps, rawBody: unknown): Promise<LookupResponse> {
  const request = parseOrThrow(lookupRequestSchema, requireObjectBody(rawBody));
  const device = identifyDevice(request.device);
  const attempt = await reserveAttempt(deps, device);

  const registration = attempt.registrationNumber === null ? undefined : await findRegistration(deps.db, attempt.registrationNumber);
  const ok = registration ? await deps.hasher.verify(registration.password_hash, request.password) : await deps.hasher.verifyNothing(request.password);
  if (!registration || !ok) throw new ApiError('INVALID_CREDENTIALS', 'no registration matches this device and password');

  await attempt.succeeded();
  const devices = await listDevicesOfRegistration(deps.db, registration.registration_number);
  const token = await deps.tokens.issue(registration.registration_number);
  return {
    registrationNumber: registration.registration_number,
    customer: columnsToCustomer(registration),
    devices: devices.map((row) => ({
      id: row.public_id,
      kind: row.kind as LookupResponse['devices'][number]['kind'],
      vendor: row.vendor,
      model: row.model,
      serial: row.serial,
      registeredAt: new Date(row.registered_at).toISOString(),
    })),
    ...token,
  };
}
