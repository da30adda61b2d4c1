import { RSA_EK_CERT_INDEX, trimDer } from './ek-certificate';
import { TPM_RH, PASSWORD, Tpm2 } from './tpm2-commands';
import { RSA_AK_TEMPLATE, RSA_EK_TEMPLATE } from './tpm2-templates';
import type { TpmAttestation } from './tpm-attestation';
import type { TpmTransport } from './tpm-transport';

/**
 * Runs `use` with a fresh policy session satisfying the EK's policy, PolicySecret(endorsement).
 * A successful command flushes the session (continueSession clear); a failed one does not, so we do.
 */
async function withEndorsementPolicy<T>(tpm: Tpm2, use: (session: number) => Promise<T>): Promise<T> {
  const session = await tpm.startPolicySession();
  try {
    await tpm.policySecret(TPM_RH.endorsement, session);
    return await use(session);
  } catch (error) {
    await tpm.flushContext(session).catch(() => undefined);
    throw error;
  }
}

/**
 * The tpm2-tools flow (nvread, createek, createak, activatecredential) as raw TPM 2.0 commands, for
 * systems without tpm2-tools (Windows). The EK stays loaded while the attestation is open (one
 * object slot); the AK is kept wrapped and loaded only for each activation.
 */
export async function beginCommandAttestation(transport: TpmTransport): Promise<TpmAttestation> {
  const tpm = new Tpm2(transport);
  let ek: number | null = null;
  try {
    const ekCertificate = trimDer(await tpm.nvReadAll(RSA_EK_CERT_INDEX));
    const primary = await tpm.createPrimary(TPM_RH.endorsement, RSA_EK_TEMPLATE);
    const ekHandle = primary.handle;
    ek = ekHandle;
    const ak = await withEndorsementPolicy(tpm, (session) => tpm.create(ekHandle, { kind: 'policy', session }, RSA_AK_TEMPLATE));
    let activations: Promise<unknown> = Promise.resolve();
    const activateOnce = async (credentialBlob: Buffer, encryptedSecret: Buffer) => {
      const akHandle = await withEndorsementPolicy(tpm, (session) => tpm.load(ekHandle, { kind: 'policy', session }, ak));
      try {
        return await withEndorsementPolicy(tpm, (session) => tpm.activateCredential(akHandle, PASSWORD, ekHandle, { kind: 'policy', session }, credentialBlob, encryptedSecret));
      } finally {
        await tpm.flushContext(akHandle).catch(() => undefined);
      }
    };
    return {
      identity: { ekCertificate, ekPublic: primary.outPublic, akPublic: ak.outPublic },
      activate(credential) {
        const next = activations.then(() => activateOnce(credential.credentialBlob, credential.encryptedSecret));
        activations = next.catch(() => undefined);
        return next;
      },
      async close() {
        await tpm.flushContext(ekHandle).catch(() => undefined);
        await transport.close();
      },
    };
  } catch (error) {
    if (ek !== null) await tpm.flushContext(ek).catch(() => undefined);
    await transport.close();
    throw error;
  }
}
