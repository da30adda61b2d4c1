import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RSA_EK_CERT_INDEX, trimDer } from './ek-certificate';
import type { TpmAttestation } from './tpm-attestation';

const run = promisify(execFile);
const TOOL_TIMEOUT_MS = 20_000;
/** tpm2-tools' credential file header: magic and version, then TPM2B_ID_OBJECT and TPM2B_ENCRYPTED_SECRET. */
const CREDENTIAL_HEADER = Buffer.from('badcc0de00000001', 'hex');

/**
 * Drives tpm2-tools: reads the EK certificate, creates the EK (TCG default template) and an AK under
 * it. Each tool runs with the given TCTI; transient objects are flushed after each step because
 * without a resource manager (swtpm, or a raw /dev/tpm0) they would fill the TPM's few slots.
 */
export async function beginToolsAttestation(tcti: string): Promise<TpmAttestation> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tpm-attestation-'));
  const file = (name: string) => path.join(dir, name);
  const env = { ...process.env, TPM2TOOLS_TCTI: tcti };
  const tool = async (name: string, args: string[]) => {
    await run(name, args, { env, timeout: TOOL_TIMEOUT_MS, maxBuffer: 1 << 20 });
  };
  const flush = () => tool('tpm2_flushcontext', ['-t']);
  try {
    await tool('tpm2_nvread', [`0x${RSA_EK_CERT_INDEX.toString(16).padStart(8, '0')}`, '-o', file('ek.crt')]);
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
