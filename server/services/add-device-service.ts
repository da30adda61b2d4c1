import { addDeviceRequestSchema, type RegistrationCreated } from '../../protocol';
import { parseOrThrow, requireObjectBody } from '../http/validation';
import { appendAuditEvent } from '../repositories/audit-repository';
import { insertDevice } from '../repositories/devices-repository';
import { findRegistration } from '../repositories/registrations-repository';
import { keyedHash } from '../security/request-hash';
import { consumeAttestation, judgeAttestation, withoutProof } from './attestation-service';
import { recipientOf } from './device-release';
import { deviceRow, deviceSummary } from './device-rows';
import { identifyDevice } from './device-keys';
import { judgeAgainstManifest, recordDeviceFindings } from '../manifest/manifest-policy';
import { canonicalRequestId, createIdempotently, replayIfUsed, type CreateOutcome } from './idempotent-create';
import type { ServiceDeps } from './service-deps';

/** Adds a device to an authorised registration; request ids live in their own space. */
export async function addDevice(deps: ServiceDeps, registrationNumber: string, rawBody: unknown): Promise<CreateOutcome> {
  const body = requireObjectBody(rawBody);
  const request = parseOrThrow(addDeviceRequestSchema, body);
  const { requestId, body: hashed } = canonicalRequestId(withoutProof(body), request.requestId);
  // The number is part of the hashed value: the same id sent for another registration is a conflict.
  const bodyHash = keyedHash(deps.keys.requestHashKey, { registrationNumber, body: hashed });
  const replay = await replayIfUsed(deps, 'add-device', requestId, bodyHash);
  if (replay) return replay;
  const device = identifyDevice(request.device);
  const manifestFinding = await judgeAgainstManifest(deps, device, 'POST /api/v1/registrations/{registrationNumber}/devices');
  const attestation = await judgeAttestation(deps, device, request.attestation);
  const nothingToPrepare = () => Promise.resolve(null);
  return createIdempotently(deps, 'add-device', requestId, bodyHash, nothingToPrepare, async (trx): Promise<RegistrationCreated> => {
    const now = deps.now();
    const row = { ...deviceRow(device, registrationNumber, now), ...(await consumeAttestation(trx, deps, attestation)) };
    await insertDevice(trx, row);
    await recordDeviceFindings(deps, trx, device, row.public_id, manifestFinding, now);
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'device_added', registrationNumber, deviceId: row.public_id });
    const registration = await findRegistration(trx, registrationNumber);
    if (registration) await deps.mail.enqueue(trx, recipientOf(registration), { kind: 'device-added', registrationNumber, device });
    return { registrationNumber, device: deviceSummary(device), registeredAt: new Date(now).toISOString() };
  }, device);
}
