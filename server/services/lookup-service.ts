import { lookupRequestSchema, makeRegistrationNumber, type LookupResponse } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody } from '../http/validation';
import { listDevicesOfRegistration } from '../repositories/devices-repository';
import { findRegistration, replacePasswordHash, sampleStoredHash } from '../repositories/registrations-repository';
import { columnsToCustomer } from './customer-record';
import { identifyDevice } from './device-keys';
import { registeredDeviceView } from './device-rows';
import { reserveAttempt } from './lookup-lockout';
import type { ServiceDeps } from './service-deps';

/** An unknown device costs what a stored hash costs (API.md): a random registration's hash sets the dummy's cost. */
async function verifyUnknown(deps: ServiceDeps, password: string): Promise<false> {
  const imitated = await sampleStoredHash(deps.db, makeRegistrationNumber(deps.randomBytes(11)));
  return deps.hasher.verifyNothing(password, imitated);
}

/** Start of an update (API.md lookup): device + password → customer, devices and a short-lived token. */
export async function lookUp(deps: ServiceDeps, rawBody: unknown): Promise<LookupResponse> {
  const request = parseOrThrow(lookupRequestSchema, requireObjectBody(rawBody));
  const device = identifyDevice(request.device);
  const attempt = await reserveAttempt(deps, device);

  const registration = attempt.registrationNumber === null ? undefined : await findRegistration(deps.db, attempt.registrationNumber);
  const ok = registration ? await deps.hasher.verify(registration.password_hash, request.password) : await verifyUnknown(deps, request.password);
  if (!registration || !ok) throw new ApiError('INVALID_CREDENTIALS', 'no registration matches this device and password');

  await attempt.succeeded();
  if (deps.hasher.needsRehash(registration.password_hash)) {
    await replacePasswordHash(deps.db, registration.registration_number, registration.password_hash, await deps.hasher.hash(request.password));
  }
  const devices = await listDevicesOfRegistration(deps.db, registration.registration_number);
  const token = await deps.tokens.issue({ registrationNumber: registration.registration_number, version: registration.token_version, deviceId: attempt.deviceId ?? '' });
  return {
    registrationNumber: registration.registration_number,
    customer: columnsToCustomer(registration),
    devices: devices.map(registeredDeviceView),
    ...token,
  };
}
