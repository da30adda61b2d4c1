import { z } from 'zod';

const base64 = (max: number, what: string) =>
  z
    .string()
    .min(4)
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what}: standard base64`)
    .meta({ description: what });

/** `POST /api/v1/attestations` body: the TPM's EK certificate and keys (docs/attestation.md). */
export const attestationRequestSchema = z.object({
  ekCertificate: base64(8192, 'DER of the TPM endorsement key certificate (NV index 0x01C00002)'),
  ekPublic: base64(1024, 'TPM2B_PUBLIC of the RSA endorsement key (tpm2_createek -u)'),
  akPublic: base64(1024, 'TPM2B_PUBLIC of the attestation key (tpm2_createak -u)'),
});
export type AttestationRequest = z.infer<typeof attestationRequestSchema>;

/** `201` of `POST /api/v1/attestations`: a credential only that TPM, with that AK loaded, can activate. */
export const attestationChallengeSchema = z.object({
  attestationId: z.string(),
  credentialBlob: z.string().meta({ description: 'base64 TPM2B_ID_OBJECT' }),
  encryptedSecret: z.string().meta({ description: 'base64 TPM2B_ENCRYPTED_SECRET' }),
  expiresAt: z.iso.datetime(),
});
export type AttestationChallenge = z.infer<typeof attestationChallengeSchema>;

/** The proof a PC registration may carry: the secret TPM2_ActivateCredential recovered. */
export const attestationProofSchema = z.object({
  attestationId: z.string().min(1).max(64),
  secret: base64(64, 'base64 of the activated credential secret'),
});
export type AttestationProof = z.infer<typeof attestationProofSchema>;

/** How the host treats PC attestation (`ATTESTATION`). */
export const ATTESTATION_POLICIES = ['off', 'prefer', 'require'] as const;
export type AttestationPolicy = (typeof ATTESTATION_POLICIES)[number];
