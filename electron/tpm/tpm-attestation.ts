import { existsSync } from 'node:fs';
import { beginCommandAttestation } from './command-attestation';
import { createTcpTransport, parseTcpTcti } from './tcp-transport';
import { beginToolsAttestation } from './tpm-tools';
import { createWindowsTbsTransport } from './windows-tbs-transport';

/**
 * Where the TPM is. `tbs`: Windows' TPM Base Services, driven by our own command layer; `tcp:host=…,port=…`:
 * the same layer over a TCP socket (swtpm's server port); anything else is a tpm2-tools TCTI
 * (`device:/dev/tpmrm0`, `swtpm:host=127.0.0.1,port=2321`).
 */
export interface TpmOptions {
  tcti?: string;
}

/** What the host needs to challenge this TPM (base64 of each in the API). */
export interface TpmIdentity {
  ekCertificate: Buffer;
  ekPublic: Buffer;
  akPublic: Buffer;
}

/** A credential challenge from the host (TPM2B_ID_OBJECT and TPM2B_ENCRYPTED_SECRET). */
export interface TpmCredential {
  credentialBlob: Buffer;
  encryptedSecret: Buffer;
}

/** One attestation in progress: the EK and a fresh AK. */
export interface TpmAttestation {
  identity: TpmIdentity;
  /** TPM2_ActivateCredential: the secret, which only this TPM with this AK can recover. */
  activate(credential: TpmCredential): Promise<Buffer>;
  /** Frees what the TPM (and this process) still holds for us. */
  close(): Promise<void>;
}

/** The TPM to use: the one configured, else TBS on Windows, else the kernel's resource manager when this Linux PC has one; null when none. */
export function defaultTcti(options: TpmOptions = {}, platform: NodeJS.Platform = process.platform): string | null {
  if (options.tcti) return options.tcti;
  if (platform === 'win32') return 'tbs'; // TBS itself says whether there is a TPM 2.0
  if (platform !== 'linux') return null;
  return existsSync('/dev/tpmrm0') ? 'device:/dev/tpmrm0' : null;
}

/** Creates the EK and an AK through the path the TCTI names (see TpmOptions). */
export async function beginAttestation(tcti: string): Promise<TpmAttestation> {
  if (tcti === 'tbs') return beginCommandAttestation(createWindowsTbsTransport());
  const tcp = parseTcpTcti(tcti);
  if (tcp) return beginCommandAttestation(createTcpTransport(tcp));
  return beginToolsAttestation(tcti);
}
