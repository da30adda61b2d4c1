import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** NV index of the RSA 2048 EK certificate (TCG EK Credential Profile §2.2.1.4). */
const RSA_EK_CERT_INDEX = '0x01c00002';
const TOOL_TIMEOUT_MS = 20_000;
/** tpm2-tools' credential file header: magic and version, then TPM2B_ID_OBJECT and TPM2B_ENCRYPTED_SECRET. */
const CREDENTIAL_HEADER = Buffer.from('badcc0de00000001', 'hex');

/** Where the TPM is: a tpm2-tools TCTI string (`device:/dev/tpmrm0`, `swtpm:host=127.0.0.1,port=2321`). */
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

/** One attestation in progress: the EK and a fresh AK, loaded from context files in a private folder. */
export interface TpmAttestation {
  identity: TpmIdentity;
  /** TPM2_ActivateCredential: the secret, which only this TPM with this AK can recover. */
  activate(credential: TpmCredential): Promise<Buffer>;
  /** Removes the folder and flushes what the TPM still holds for us. */
  close(): Promise<void>;
}

/** The TCTI to use: the one configured, else the kernel's resource manager when this Linux PC has a TPM 2.0; null when none. */
export function defaultTcti(options: TpmOptions = {}): string | null {
  if (options.tcti) return options.tcti;
  if (process.platform !== 'linux') return null; // Windows: TBS, see docs/attestation.md
  return existsSync('/dev/tpmrm0') ? 'device:/dev/tpmrm0' : null;
}

/** An NV area can be larger than the certificate in it: keep the DER SEQUENCE only. */
function trimDer(bytes: Buffer): Buffer {
  if (bytes[0] !== 0x30 || bytes.length < 2) return bytes;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const lengthBytes = first & 0x7f;
  if (lengthBytes < 1 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return bytes;
  return bytes.subarray(0, 2 + lengthBytes + bytes.readUIntBE(2, lengthBytes));
}

/**
 * Drives tpm2-tools: reads the EK certificate, creates the EK (TCG default template) and an AK under
 * it. Each tool runs with the given TCTI; transient objects are flushed after each step because
 * without a resource manager (swtpm, or a raw /dev/tpm0) they would fill the TPM's few slots.
 */
export async function beginAttestation(tcti: string): Promise<TpmAttestation> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tpm-attestation-'));
  const file = (name: string) => path.join(dir, name);
  const env = { ...process.env, TPM2TOOLS_TCTI: tcti };
  const tool = async (name: string, args: string[]) => {
    await run(name, args, { env, timeout: TOOL_TIMEOUT_MS, maxBuffer: 1 << 20 });
  };
  const flush = () => tool('tpm2_flushcontext', ['-t']);
  try {
    await tool('tpm2_nvread', [RSA_EK_CERT_INDEX, '-o', file('ek.crt')]);
    await tool('tpm2_createek', ['-c', file('ek.ctx'), '-G', 'rsa', '-u', file('ek.pub')]);
    await flush();
    await tool('tpm2_createak', ['-C', file('ek.ctx'), '-c', file('ak.ctx'), '-G', 'rsa', '-g', 'sha256', '-s', 'rsassa', '-u', file('ak.pub'), '-n', file('ak.name')]);
    await flush();
    const identity = { ekCertificate: trimDer(await readFile(file('ek.crt'))), ekPublic: await readFile(file('ek.pub')), akPublic: await readFile(file('ak.pub')) };
    return {
      identity,
      async activate(credential) {
        await writeFile(file('credential'), Buffer.concat([CREDENTIAL_HEADER, credential.credentialBlob, credential.encryptedSecret]));
        // The EK's policy is PolicySecret(endorsement hierarchy): satisfied by a policy session.
        await tool('tpm2_startauthsession', ['--policy-session', '-S', file('session.ctx')]);
        try {
          await tool('tpm2_policysecret', ['-S', file('session.ctx'), '-c', 'e']);
          await tool('tpm2_activatecredential', ['-c', file('ak.ctx'), '-C', file('ek.ctx'), '-i', file('credential'), '-o', file('secret'), '-P', `session:${file('session.ctx')}`]);
        } finally {
          await tool('tpm2_flushcontext', [file('session.ctx')]).catch(() => undefined);
          await flush().catch(() => undefined);
        }
        return readFile(file('secret'));
      },
      async close() {
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await flush().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
