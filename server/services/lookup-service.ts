import { lookupRequestSchema, type LookupResponse } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody } from '../http/validation';
import { findDeviceByKeys, listDevicesOfRegistration } from '../repositories/devices-repository';
import { attemptsUpTo, deleteAttempts, recordAttempt } from '../repositories/lookup-failures-repository';
import { findRegistration } from '../repositories/registrations-repository';
import { keyedHash } from '../security/request-hash';
import { columnsToCustomer } from './customer-record';
import { deviceKeyStrings, identifyDevice } from './device-keys';
import { registeredDeviceView } from './device-rows';
import type { ServiceDeps } from './service-deps';

/**
 * Counts this attempt against every key the device presents (insert first, then count the attempts
 * up to it, so concurrent guesses cannot slip past the limit). Over the limit: the attempt is
 * forgotten (a 429 does not count) and 429 TOO_MANY_ATTEMPTS says when to come back.
 */
export async function reserveAttempt(deps: ServiceDeps, keyHashes: string[]): Promise<number[]> {
  const now = deps.now();
  const windowMs = deps.config.lookupLockoutWindowSeconds * 1000;
  const since = now - windowMs;
  await deleteAttempts(deps.db, { keyHashes, olderThan: since });
  const ids: number[] = [];
  for (const keyHash of keyHashes) ids.push(await recordAttempt(deps.db, keyHash, now));
  let retryAt = 0;
  for (const [index, keyHash] of keyHashes.entries()) {
    const id = ids[index] ?? 0;
    const times = await attemptsUpTo(deps.db, keyHash, id, since);
    if (times.length > deps.config.lookupMaxFailures) {
      const freedBy = times[times.length - 1 - deps.config.lookupMaxFailures] ?? now;
      retryAt = Math.max(retryAt, freedBy + windowMs);
    }
  }
  if (retryAt > 0) {
    await deleteAttempts(deps.db, { ids });
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    throw new ApiError('TOO_MANY_ATTEMPTS', 'too many failed attempts for this device; try again later', { retryAfterSeconds });
  }
  return ids;
}

/** Start of an update (API.md lookup): device + password → customer, devices and a short-lived token. */
export async function lookUp(deps: ServiceDeps, rawBody: unknown): Promise<LookupResponse> {
  const request = parseOrThrow(lookupRequestSchema, requireObjectBody(rawBody));
  const device = identifyDevice(request.device);
  const keyHashes = deviceKeyStrings(device).map((key) => keyedHash(deps.keys.requestHashKey, key));
  await reserveAttempt(deps, keyHashes);

  const found = await findDeviceByKeys(deps.db, device);
  const registration = found ? await findRegistration(deps.db, found.registration_number) : undefined;
  const ok = registration ? await deps.hasher.verify(registration.password_hash, request.password) : await deps.hasher.verifyNothing(request.password);
  if (!registration || !ok) throw new ApiError('INVALID_CREDENTIALS', 'no registration matches this device and password');

  await deleteAttempts(deps.db, { keyHashes });
  const devices = await listDevicesOfRegistration(deps.db, registration.registration_number);
  const token = await deps.tokens.issue({ registrationNumber: registration.registration_number, version: registration.token_version, deviceId: found?.public_id ?? '' });
  return {
    registrationNumber: registration.registration_number,
    customer: columnsToCustomer(registration),
    devices: devices.map(registeredDeviceView),
    ...token,
  };
}
