import { ApiError } from '../http/api-error';
import { findDeviceByKeys } from '../repositories/devices-repository';
import { attemptsUpTo, deleteAttempts, recordAttempt } from '../repositories/lookup-failures-repository';
import { keyedHash } from '../security/request-hash';
import { deviceKeyStrings, type IdentifiedDevice } from './device-keys';
import type { ServiceDeps } from './service-deps';

/** An attempt counted against a device: which registration its keys matched, and how to forget the failures once it succeeds. */
export interface ReservedAttempt {
  /** The registration the presented keys matched (its active device), or null for an unknown device. */
  registrationNumber: string | null;
  /** The public id of that active device (tokens are bound to it), or null for an unknown device. */
  deviceId: string | null;
  /** Call after the secret (password, recovery code) was right: the device's count starts again. */
  succeeded(): Promise<void>;
}

/**
 * The counters an attempt is charged to (API.md, lockout made exact): one per registration when the
 * keys match one, whichever key was sent, so a PC cannot double its budget; else one per key presented.
 */
function counterKeys(deps: ServiceDeps, device: IdentifiedDevice, registrationNumber: string | null): string[] {
  const keys = registrationNumber === null ? deviceKeyStrings(device) : [`registration\u0000${registrationNumber}`];
  return keys.map((key) => keyedHash(deps.keys.requestHashKey, key));
}

/**
 * Counts one attempt for a device before its secret is checked (insert first, then count the
 * attempts up to it, so concurrent guesses cannot slip past the limit). Over the limit the attempt
 * is forgotten (a 429 does not count) and 429 TOO_MANY_ATTEMPTS says when to come back. Lookups and
 * the forgotten-password confirm share it, so both spend the same budget.
 */
export async function reserveAttempt(deps: ServiceDeps, device: IdentifiedDevice): Promise<ReservedAttempt> {
  const now = deps.now();
  const windowMs = deps.config.lookupLockoutWindowSeconds * 1000;
  const since = now - windowMs;
  // Every expired failure goes, not only this device's: keys never sent again would stay forever.
  await deleteAttempts(deps.db, { olderThan: since });
  const found = await findDeviceByKeys(deps.db, device);
  const registrationNumber = found?.registration_number ?? null;
  const keyHashes = counterKeys(deps, device, registrationNumber);
  const ids: number[] = [];
  for (const keyHash of keyHashes) ids.push(await recordAttempt(deps.db, keyHash, now));
  let retryAt = 0;
  for (const [index, keyHash] of keyHashes.entries()) {
    const times = await attemptsUpTo(deps.db, keyHash, ids[index] ?? 0, since);
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
  return {
    registrationNumber,
    deviceId: found?.public_id ?? null,
    succeeded: () => deleteAttempts(deps.db, { keyHashes }),
  };
}
