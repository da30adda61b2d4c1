import { attestationProofSchema, makeRegistrationNumber, type AttestationProof, type FieldError, type RegistrationCreated } from '../../protocol';
import { ApiError } from '../http/api-error';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http/json-body';
import { fieldErrors, requireObjectBody, validationFailed } from '../http/validation';
import type { RegistrationOutcome } from '../metrics';
import { appendAuditEvent } from '../repositories/audit-repository';
import { recordConsent } from '../repositories/consents-repository';
import { insertDevice } from '../repositories/devices-repository';
import { insertRegistrationIfNumberFree } from '../repositories/registrations-repository';
import { keyedHash } from '../security/request-hash';
import { openSealed } from '../security/sealed-box';
import { consumeAttestation, judgeAttestation, withoutProof } from './attestation-service';
import { requestSchemas } from './request-schemas';
import { customerToColumns } from './customer-record';
import { customerSearchKeys } from './customer-search-keys';
import { deviceRow, deviceSummary } from './device-rows';
import { identifyDevice } from './device-keys';
import { judgeAgainstManifest, recordDeviceFindings } from '../manifest/manifest-policy';
import { canonicalRequestId, createIdempotently, replayIfUsed, type CreateOutcome } from './idempotent-create';
import type { ServiceDeps } from './service-deps';

const NUMBER_ATTEMPTS = 8;

/** Maps a refusal to its metrics outcome. */
function outcomeOf(error: unknown): RegistrationOutcome | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case 'DEVICE_ALREADY_REGISTERED':
      return 'duplicate';
    case 'DEVICE_NOT_IDENTIFIABLE':
      return 'not_identifiable';
    case 'CONSENT_REQUIRED':
      return 'consent_required';
    case 'REQUEST_ID_CONFLICT':
      return 'request_id_conflict';
    case 'SEALED_UNREADABLE':
      return 'sealed_unreadable';
    case 'DEVICE_NOT_RECOGNISED':
      return 'not_recognised';
    case 'DEVICE_MISMATCH':
      return 'mismatch';
    default:
      return 'invalid';
  }
}

/** Counts the outcome of a registration-like call in `registrations_total`, then passes it on. */
export async function countOutcome(deps: ServiceDeps, endpoint: string, run: () => Promise<CreateOutcome>): Promise<CreateOutcome> {
  try {
    const outcome = await run();
    deps.metrics.registrations.inc({ endpoint, outcome: outcome.replayed ? 'replayed' : 'created' });
    return outcome;
  } catch (error) {
    const outcome = outcomeOf(error);
    if (outcome) deps.metrics.registrations.inc({ endpoint, outcome });
    throw error;
  }
}

/**
 * New registration (API.md `POST /api/v1/registrations`): validate, consent, identify, attest, hash,
 * store once. `deliveredProof` is a TPM proof sent beside a sealed body (docs/attestation.md).
 */
export async function registerNew(deps: ServiceDeps, rawBody: unknown, deliveredProof?: AttestationProof): Promise<CreateOutcome> {
  const body = requireObjectBody(rawBody);
  const parsed = requestSchemas(deps.config.fieldPolicies).newRegistration.safeParse(body);
  if (!parsed.success) {
    const others = parsed.error.issues.filter((issue) => issue.path[0] !== 'consent');
    if (others.length > 0) throw validationFailed(fieldErrors(parsed.error.issues));
    throw consentRequired(deps);
  }
  const request = parsed.data;
  const { requestId, body: hashed } = canonicalRequestId(withoutProof(body), request.requestId);
  const bodyHash = keyedHash(deps.keys.requestHashKey, hashed);
  const replay = await replayIfUsed(deps, 'registration', requestId, bodyHash);
  if (replay) return replay;
  if (request.password.length < deps.config.passwordMinLength) {
    const fields: FieldError[] = [{ path: 'password', message: `at least ${deps.config.passwordMinLength} characters` }];
    throw validationFailed(fields);
  }
  if (request.consent.privacyPolicyVersion !== deps.config.privacyPolicy.version) throw consentRequired(deps);
  const device = identifyDevice(request.device);
  const manifestFinding = await judgeAgainstManifest(deps, device, 'POST /api/v1/registrations');
  const attestation = await judgeAttestation(deps, device, request.attestation ?? deliveredProof);

  const hashPassword = () => deps.hasher.hash(request.password);
  return createIdempotently(deps, 'registration', requestId, bodyHash, hashPassword, async (trx, passwordHash): Promise<RegistrationCreated> => {
    const now = deps.now();
    const customer = customerToColumns(request.customer);
    let registrationNumber: string | null = null;
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS && registrationNumber === null; attempt += 1) {
      const candidate = makeRegistrationNumber(deps.randomBytes(11));
      const free = await insertRegistrationIfNumberFree(trx, {
        registration_number: candidate,
        ...customer,
        ...customerSearchKeys(customer),
        password_hash: passwordHash,
        privacy_policy_version: request.consent.privacyPolicyVersion,
        locale: request.locale ?? 'ja',
        created_at: now,
        updated_at: now,
      });
      if (free) registrationNumber = candidate;
    }
    if (registrationNumber === null) throw new Error('could not draw a free registration number');
    const row = { ...deviceRow(device, registrationNumber, now), ...(await consumeAttestation(trx, deps, attestation)) };
    await insertDevice(trx, row);
    await recordDeviceFindings(deps, trx, device, row.public_id, manifestFinding, now);
    await recordConsent(trx, registrationNumber, request.consent.privacyPolicyVersion, now);
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'registered', registrationNumber, deviceId: row.public_id });
    const email = customerToColumns(request.customer).email;
    await deps.mail.enqueue(trx, { email, locale: request.locale ?? 'ja', registrationNumber }, { kind: 'registered', registrationNumber, device });
    return { registrationNumber, device: deviceSummary(device), registeredAt: new Date(now).toISOString() };
  }, device);
}

/** 422 CONSENT_REQUIRED naming the version the host asks for (registrations and updates alike). */
export function consentRequired(deps: Pick<ServiceDeps, 'config'>): ApiError {
  return new ApiError('CONSENT_REQUIRED', `consent to privacy policy version ${deps.config.privacyPolicy.version} is required`, {
    fields: [{ path: 'consent.privacyPolicyVersion', message: `must be ${deps.config.privacyPolicy.version}` }],
  });
}

/** Offline-outbox registration: open the sealed box, then answer exactly as `registerNew` would. */
export async function registerSealed(deps: ServiceDeps, rawBody: unknown): Promise<CreateOutcome> {
  const body = requireObjectBody(rawBody);
  const sealed = body.sealed;
  if (typeof sealed !== 'string' || sealed.length === 0) {
    throw validationFailed([{ path: 'sealed', message: 'base64 of a crypto_box_seal payload is required' }]);
  }
  const plain = openSealed(sealed, deps.keys.outboxPublicKey, deps.keys.outboxSecretKey);
  if (plain === null) throw new ApiError('SEALED_UNREADABLE', 'the sealed registration cannot be opened with this host key');
  let inner: unknown;
  try {
    inner = JSON.parse(plain);
  } catch {
    throw new ApiError('BAD_REQUEST', 'the sealed body is not valid JSON');
  }
  if (nestsDeeperThan(inner, MAX_JSON_DEPTH)) throw new ApiError('BAD_REQUEST', `the sealed body nests deeper than ${MAX_JSON_DEPTH} levels`);
  // The TPM proof travels beside the sealed body: it can only be obtained once online (docs/attestation.md).
  const proof = body.attestation === undefined ? undefined : attestationProofSchema.safeParse(body.attestation);
  if (proof && !proof.success) throw validationFailed(fieldErrors(proof.error.issues, ['attestation']));
  return registerNew(deps, inner, proof?.data);
}
