import crypto from 'node:crypto';
import { normaliseRecoveryCode, recoveryConfirmSchema, recoveryRequestSchema, REGISTRATION_ALPHABET, RECOVERY_CODE_LENGTH, type RecoveryConfirmed } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody, validationFailed } from '../http/validation';
import { appendAuditEvent } from '../repositories/audit-repository';
import { findDeviceByKeys } from '../repositories/devices-repository';
import { claimRecoveryCode, countWrongCode, deleteRecoveryCode, findRecoveryCode, replaceRecoveryCode } from '../repositories/recovery-codes-repository';
import { findRegistration, updateRegistration } from '../repositories/registrations-repository';
import { keyedHash } from '../security/request-hash';
import { recipientOf } from './device-release';
import { identifyDevice, type IdentifiedDevice } from './device-keys';
import { reserveAttempt } from './lookup-lockout';
import type { ServiceDeps } from './service-deps';

/** API.md: a code is valid 30 minutes and void after 5 wrong tries. */
export const RECOVERY_CODE_MINUTES = 30;
export const RECOVERY_CODE_MAX_WRONG = 5;

function drawCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i += 1) code += REGISTRATION_ALPHABET.charAt(crypto.randomInt(REGISTRATION_ALPHABET.length));
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The stored form of a code: a keyed hash bound to its registration (the raw code is never stored). */
function codeHash(deps: ServiceDeps, registrationNumber: string, code: string): string {
  return keyedHash(deps.keys.requestHashKey, `recovery-code\u0000${registrationNumber}\u0000${code}`);
}

function identifiedOrNull(device: Parameters<typeof identifyDevice>[0]): IdentifiedDevice | null {
  try {
    return identifyDevice(device);
  } catch {
    return null;
  }
}

function requireMail(deps: ServiceDeps): void {
  if (!deps.mail.configured) throw new ApiError('RECOVERY_UNAVAILABLE', 'password recovery needs e-mail, which this host does not have');
}

/**
 * `POST /api/v1/recovery`: 202 for every valid body. The request path does the same work whatever
 * matches (draw a code, one keyed hash, one password-hash-sized cost); finding the registration,
 * storing the code and queueing its mail happen after the answer left.
 */
export async function requestRecovery(deps: ServiceDeps, rawBody: unknown): Promise<Record<string, never>> {
  requireMail(deps);
  const request = parseOrThrow(recoveryRequestSchema, requireObjectBody(rawBody));
  const device = identifiedOrNull(request.device);
  const code = drawCode();
  await deps.hasher.verifyNothing(code);
  const email = request.email.trim().toLowerCase();
  deps.background.run('recovery-request', async () => {
    const found = device ? await findDeviceByKeys(deps.db, device) : undefined;
    const registration = found ? await findRegistration(deps.db, found.registration_number) : undefined;
    if (!registration || registration.erased_at !== null || registration.email === null || registration.email.toLowerCase() !== email) return;
    const registrationNumber = registration.registration_number;
    const now = deps.now();
    await deps.db.transaction().execute(async (trx) => {
      await replaceRecoveryCode(trx, { registrationNumber, codeHash: codeHash(deps, registrationNumber, code), expiresAt: now + RECOVERY_CODE_MINUTES * 60_000 });
      await deps.mail.enqueue(trx, recipientOf(registration), { kind: 'recovery-code', code, minutes: RECOVERY_CODE_MINUTES });
    });
    deps.mail.kick();
  });
  return {};
}

/**
 * `POST /api/v1/recovery/confirm`: the lookup lockout counts every try against the device keys;
 * a right code (single use, 30 minutes) replaces the password, ends every token and sends a
 * `password-changed` notice.
 */
export async function confirmRecovery(deps: ServiceDeps, rawBody: unknown): Promise<RecoveryConfirmed> {
  requireMail(deps);
  const request = parseOrThrow(recoveryConfirmSchema, requireObjectBody(rawBody));
  if (request.newPassword.length < deps.config.passwordMinLength) {
    throw validationFailed([{ path: 'newPassword', message: `at least ${deps.config.passwordMinLength} characters` }]);
  }
  const device = identifyDevice(request.device);
  // The lookup lockout (per registration found, else per key) counts every confirm too.
  const attempt = await reserveAttempt(deps, device);

  const invalid = new ApiError('INVALID_CODE', 'this code is wrong, expired or already used');
  const code = normaliseRecoveryCode(request.code);
  // The lockout already found the device's registration; it is not looked up a second time.
  const registration = attempt.registrationNumber === null ? undefined : await findRegistration(deps.db, attempt.registrationNumber);
  const stored = registration ? await findRecoveryCode(deps.db, registration.registration_number) : undefined;
  if (!registration || !stored || registration.erased_at !== null) throw invalid;
  const registrationNumber = registration.registration_number;
  if (stored.expires_at <= deps.now()) {
    await deleteRecoveryCode(deps.db, registrationNumber);
    throw invalid;
  }
  const presented = Buffer.from(code === null ? '' : codeHash(deps, registrationNumber, code));
  const expected = Buffer.from(stored.code_hash);
  if (presented.length !== expected.length || !crypto.timingSafeEqual(presented, expected)) {
    const tries = await countWrongCode(deps.db, registrationNumber);
    if (tries >= RECOVERY_CODE_MAX_WRONG) await deleteRecoveryCode(deps.db, registrationNumber);
    throw invalid;
  }

  const passwordHash = await deps.hasher.hash(request.newPassword);
  const now = deps.now();
  const used = await deps.db.transaction().execute(async (trx) => {
    // Deleting the row claims the code: of two concurrent confirms only one sees it go.
    if (!(await claimRecoveryCode(trx, registrationNumber, stored.code_hash))) return false;
    await updateRegistration(trx, registrationNumber, { password_hash: passwordHash, token_version: registration.token_version + 1, updated_at: now });
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'recovered', registrationNumber });
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'password_changed', registrationNumber });
    await deps.mail.enqueue(trx, recipientOf(registration), { kind: 'password-changed', registrationNumber });
    return true;
  });
  if (!used) throw invalid;
  await attempt.succeeded();
  deps.mail.kick();
  return { registrationNumber };
}
