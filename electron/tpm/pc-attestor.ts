import type { AttestationProof } from '../../protocol';
import type { HostClient } from '../host-client/host-client';
import { beginAttestation, type TpmAttestation } from './tpm-attestation';

/** Proves this PC's TPM to the host, or says there is nothing to prove with (null: register unattested). */
export interface PcAttestor {
  prove(host: HostClient): Promise<AttestationProof | null>;
  close(): Promise<void>;
}

/**
 * The attestor of the wizard's main process. `tcti` null means no TPM here (or an OS without a
 * TPM path): every proof is null. The EK and AK are created once and reused for each challenge.
 * Any failure (no EK certificate, tools missing, host refusing the EK) ends in null, logged without
 * identifiers: the host's ATTESTATION policy, not the client, decides what an unattested PC gets.
 */
export function createPcAttestor(options: { tcti: string | null; log?: (line: string) => void }): PcAttestor {
  const log = options.log ?? ((line: string) => console.warn(line));
  let session: Promise<TpmAttestation> | null = null;
  return {
    async prove(host) {
      if (options.tcti === null || !host.attest) return null;
      try {
        session ??= beginAttestation(options.tcti);
        const tpm = await session;
        const challenge = await host.attest({
          ekCertificate: tpm.identity.ekCertificate.toString('base64'),
          ekPublic: tpm.identity.ekPublic.toString('base64'),
          akPublic: tpm.identity.akPublic.toString('base64'),
        });
        if (!challenge.ok) {
          if (challenge.error.code !== 'NOT_FOUND') log(`[tpm] no attestation: the host answered ${challenge.error.code}`);
          return null;
        }
        const secret = await tpm.activate({
          credentialBlob: Buffer.from(challenge.value.credentialBlob, 'base64'),
          encryptedSecret: Buffer.from(challenge.value.encryptedSecret, 'base64'),
        });
        return { attestationId: challenge.value.attestationId, secret: secret.toString('base64') };
      } catch (error) {
        session = null;
        log(`[tpm] no attestation: ${error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : 'failed'}`);
        return null;
      }
    },
    async close() {
      const open = session;
      session = null;
      if (open) await (await open.catch(() => null))?.close();
    },
  };
}
