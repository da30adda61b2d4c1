import crypto, { type X509Certificate } from 'node:crypto';
import type { Transaction } from 'kysely';
import { attestationRequestSchema, type AttestationChallenge, type AttestationProof } from '../../protocol';
import { verifyEkCertificate, type EkRefusal } from '../attestation/ek-trust';
import { makeCredential } from '../attestation/make-credential';
import { hasAttributes, parseTpm2bPublic, TPM_ALG, TPMA_OBJECT, tpmObjectName, TpmStructureError, type TpmPublic } from '../attestation/tpm-public';
import type { HostDatabase } from '../db/schema';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody, validationFailed } from '../http/validation';
import { consumeChallenge, findOpenChallenge, insertChallenge } from '../repositories/attestation-repository';
import { findManifestDevice } from '../repositories/manifest-repository';
import type { IdentifiedDevice } from './device-keys';
import type { ServiceDeps } from './service-deps';

const SECRET_BYTES = 32;
const EK_ATTRIBUTES = TPMA_OBJECT.fixedTpm | TPMA_OBJECT.fixedParent | TPMA_OBJECT.restricted | TPMA_OBJECT.decrypt;
const AK_ATTRIBUTES = TPMA_OBJECT.fixedTpm | TPMA_OBJECT.fixedParent | TPMA_OBJECT.sensitiveDataOrigin | TPMA_OBJECT.restricted | TPMA_OBJECT.sign;

const REFUSALS: Record<EkRefusal, string> = {
  unreadable: 'the EK certificate is not an X.509 certificate',
  expired: 'the EK certificate is not valid now',
  untrusted: 'the EK certificate does not chain to a trusted TPM maker CA',
  key_mismatch: 'the EK certificate is not for the endorsement key sent',
};

function tpmPublic(field: string, base64: string): TpmPublic {
  try {
    return parseTpm2bPublic(Buffer.from(base64, 'base64'));
  } catch (error) {
    if (error instanceof TpmStructureError) throw validationFailed([{ path: field, message: `not a TPM2B_PUBLIC: ${error.message}` }]);
    throw error;
  }
}

function sha256Hex(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * `POST /api/v1/attestations`: checks the EK certificate and the keys, then stores a single-use
 * challenge (only the secret's hash) and answers the credential that only this TPM can activate.
 */
export async function createAttestationChallenge(deps: ServiceDeps, trustedCas: readonly X509Certificate[], rawBody: unknown): Promise<AttestationChallenge> {
  if (deps.config.attestation.policy === 'off') throw new ApiError('NOT_FOUND', 'this host does not attest devices');
  const request = parseOrThrow(attestationRequestSchema, requireObjectBody(rawBody));
  const ek = tpmPublic('ekPublic', request.ekPublic);
  const ak = tpmPublic('akPublic', request.akPublic);
  if (ek.type !== TPM_ALG.rsa || ek.nameAlg !== TPM_ALG.sha256 || !hasAttributes(ek, EK_ATTRIBUTES)) {
    throw new ApiError('ATTESTATION_UNTRUSTED', 'the endorsement key is not an RSA restricted decryption key with SHA-256 names');
  }
  const symmetric = ek.rsa?.symmetric;
  if (symmetric?.algorithm !== TPM_ALG.aes || symmetric.keyBits !== 128 || symmetric.mode !== TPM_ALG.cfb) {
    throw new ApiError('ATTESTATION_UNTRUSTED', 'the endorsement key does not use AES-128-CFB');
  }
  if (ak.nameAlg !== TPM_ALG.sha256 || !hasAttributes(ak, AK_ATTRIBUTES) || hasAttributes(ak, TPMA_OBJECT.decrypt)) {
    throw new ApiError('ATTESTATION_UNTRUSTED', 'the attestation key is not a restricted signing key fixed to its TPM');
  }
  const now = deps.now();
  const verdict = verifyEkCertificate(Buffer.from(request.ekCertificate, 'base64'), ek, trustedCas, now);
  if ('refused' in verdict) throw new ApiError('ATTESTATION_UNTRUSTED', REFUSALS[verdict.refused]);

  const secret = crypto.randomBytes(SECRET_BYTES);
  const credential = makeCredential(ek, tpmObjectName(ak), secret);
  const attestationId = crypto.randomBytes(16).toString('base64url');
  const expiresAt = now + deps.config.attestation.challengeSeconds * 1000;
  await insertChallenge(
    deps.db,
    { attestation_id: attestationId, secret_sha256: sha256Hex(secret), ek_public_sha256: verdict.ekPublicSha256, created_at: now, expires_at: expiresAt, used_at: null },
    now - 86_400_000,
  );
  return {
    attestationId,
    credentialBlob: credential.credentialBlob.toString('base64'),
    encryptedSecret: credential.encryptedSecret.toString('base64'),
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

/**
 * The body as its idempotency hash sees it: without the TPM proof, which is a one-time credential and
 * not part of what is registered, so a retry with a fresh proof still replays the first 201.
 */
export function withoutProof(body: Record<string, unknown>): Record<string, unknown> {
  const { attestation: _proof, ...rest } = body;
  return rest;
}

/** What a registration learned about the device's TPM before its transaction. */
export interface AttestationVerdict {
  attested: boolean;
  ekPublicSha256: string | null;
  /** The challenge to consume inside the registration's transaction. */
  attestationId: string | null;
}

const UNATTESTED: AttestationVerdict = { attested: false, ekPublicSha256: null, attestationId: null };

/** The EK digest a manifest row binds this PC's serial to, or null (read whatever MANIFEST_POLICY says). */
async function manifestEkBinding(deps: ServiceDeps, device: IdentifiedDevice): Promise<string | null> {
  if (device.serial === null) return null;
  const found = await findManifestDevice(deps.db, device.kind, device.vendorKey, device.serial.toUpperCase());
  return found.row?.ek_public_sha256 ?? null;
}

/**
 * Applies ATTESTATION to a device about to be registered: checks the proof (read-only, before the
 * password hash) and refuses what the policy refuses. Only PCs are attested; `off` ignores proofs.
 * A manifest row with an EK digest makes the proof required for that serial, from that EK only.
 */
export async function judgeAttestation(deps: ServiceDeps, device: IdentifiedDevice, proof: AttestationProof | undefined): Promise<AttestationVerdict> {
  const { policy } = deps.config.attestation;
  if (policy === 'off') return UNATTESTED;
  if (device.kind !== 'pc') {
    if (proof) throw validationFailed([{ path: 'attestation', message: 'only a PC can be attested' }]);
    return UNATTESTED;
  }
  const boundEk = await manifestEkBinding(deps, device);
  if (!proof) {
    if (boundEk !== null) throw new ApiError('ATTESTATION_REQUIRED', 'the maker bound this PC to its TPM: register it with a TPM attestation');
    if (policy === 'require') throw new ApiError('ATTESTATION_REQUIRED', 'this host registers a PC only with a TPM attestation (POST /api/v1/attestations)');
    return UNATTESTED;
  }
  const challenge = await findOpenChallenge(deps.db, proof.attestationId, deps.now());
  const presented = Buffer.from(sha256Hex(Buffer.from(proof.secret, 'base64')), 'hex');
  if (!challenge || !crypto.timingSafeEqual(presented, Buffer.from(challenge.secret_sha256, 'hex'))) {
    throw new ApiError('ATTESTATION_FAILED', 'the attestation is unknown, expired, already used or its secret is wrong');
  }
  if (boundEk !== null && boundEk !== challenge.ek_public_sha256) throw new ApiError('ATTESTATION_MISMATCH', 'the maker shipped this PC with another TPM');
  return { attested: true, ekPublicSha256: challenge.ek_public_sha256, attestationId: challenge.attestation_id };
}

/** Uses the verdict's challenge in the registration's transaction (single use even under races); the device columns to store. */
export async function consumeAttestation(trx: Transaction<HostDatabase>, deps: ServiceDeps, verdict: AttestationVerdict): Promise<{ attested: number; ek_public_sha256: string | null }> {
  if (verdict.attestationId !== null && !(await consumeChallenge(trx, verdict.attestationId, deps.now()))) {
    throw new ApiError('ATTESTATION_FAILED', 'the attestation was used by another request');
  }
  return { attested: verdict.attested ? 1 : 0, ek_public_sha256: verdict.ekPublicSha256 };
}
