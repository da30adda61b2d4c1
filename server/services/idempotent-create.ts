import type { Transaction } from 'kysely';
import type { RegistrationCreated } from '../../protocol';
import type { HostDatabase } from '../db/schema';
import { ApiError } from '../http/api-error';
import { DeviceAlreadyRegisteredError, findDeviceByKeys, hardwareUuidTaken } from '../repositories/devices-repository';
import { recordRefusal } from '../repositories/refusals-repository';
import { claimRequestId, completeRequestId, findRequestId, type IdempotencyScope } from '../repositories/idempotency-repository';
import type { IdentifiedDevice } from './device-keys';
import type { ServiceDeps } from './service-deps';

/** A 201 body and whether it was replayed from an earlier request with the same id. */
export interface CreateOutcome {
  created: RegistrationCreated;
  replayed: boolean;
}

/**
 * When a PC matches on both keys, SQLite and PostgreSQL report different indexes; after the
 * database has refused the insert, name the hardware UUID whenever it matched, on every engine.
 */
async function explainConflict(deps: ServiceDeps, device: IdentifiedDevice, reported: 'serial' | 'hardwareUuid'): Promise<'serial' | 'hardwareUuid'> {
  if (reported === 'hardwareUuid' || device.hardwareUuid === null) return reported;
  return (await hardwareUuidTaken(deps.db, device.hardwareUuid)) ? 'hardwareUuid' : reported;
}

/** The endpoint a refusal names, by idempotency scope (the sealed endpoint shares the registration scope). */
const REFUSAL_ENDPOINT: Record<IdempotencyScope, string> = {
  registration: 'POST /api/v1/registrations',
  'add-device': 'POST /api/v1/registrations/{registrationNumber}/devices',
};

/**
 * Records the 409 for support (OPERATOR-API.md `GET /refusals`), after the rollback so it is kept;
 * a failure to record never changes the customer's answer.
 */
async function recordDuplicate(deps: ServiceDeps, scope: IdempotencyScope, device: IdentifiedDevice, matchedOn: 'serial' | 'hardwareUuid'): Promise<void> {
  try {
    const holder = await findDeviceByKeys(deps.db, device);
    await recordRefusal(deps.db, { at: deps.now(), endpoint: REFUSAL_ENDPOINT[scope], device, reason: 'duplicate', duplicate: { matchedOn, registrationNumber: holder?.registration_number ?? null } });
  } catch {
    // The refusal stands whether or not it could be recorded.
  }
}

/** Replay or conflict for a request id that already produced a 201, or null when it is unused. */
function answerForUsedId(record: { bodyHash: string; responseBody: string | null } | undefined | null, bodyHash: string): CreateOutcome | null {
  if (!record) return null;
  if (record.bodyHash !== bodyHash || record.responseBody === null) {
    throw new ApiError('REQUEST_ID_CONFLICT', 'this requestId was already used with a different body');
  }
  return { created: JSON.parse(record.responseBody) as RegistrationCreated, replayed: true };
}

/**
 * The earlier 201 for this request id (same body) or 422 REQUEST_ID_CONFLICT (other body); null when
 * unused. Checked before rules that may have changed since (policy version, junk lists), so a retry
 * of a registration that succeeded always gets its 201 back.
 */
export async function replayIfUsed(deps: ServiceDeps, scope: IdempotencyScope, requestId: string, bodyHash: string): Promise<CreateOutcome | null> {
  return answerForUsedId(await findRequestId(deps.db, scope, requestId), bodyHash);
}

/**
 * Runs `prepare` (slow work such as hashing, outside any transaction), then `create` once per request
 * id: the id is claimed by a primary key inside the transaction that registers, so a refused request
 * (rolled back) is not remembered and a retry replays the 201.
 */
export async function createIdempotently<P>(
  deps: ServiceDeps,
  scope: IdempotencyScope,
  requestId: string,
  bodyHash: string,
  prepare: () => Promise<P>,
  create: (trx: Transaction<HostDatabase>, prepared: P) => Promise<RegistrationCreated>,
  device: IdentifiedDevice,
): Promise<CreateOutcome> {
  // Callers try replayIfUsed first (a fast path that skips `prepare`); the claim below is what guarantees once-only.
  const prepared = await prepare();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const existing = await claimRequestId(trx, scope, requestId, bodyHash, deps.now());
      const replay = answerForUsedId(existing, bodyHash);
      if (replay) return replay;
      const created = await create(trx, prepared);
      await completeRequestId(trx, scope, requestId, JSON.stringify(created));
      return { created, replayed: false };
    });
  } catch (error) {
    if (error instanceof DeviceAlreadyRegisteredError) {
      const matchedOn = await explainConflict(deps, device, error.matchedOn);
      await recordDuplicate(deps, scope, device, matchedOn);
      throw new ApiError('DEVICE_ALREADY_REGISTERED', 'this device is already registered', { matchedOn });
    }
    throw error;
  }
}
