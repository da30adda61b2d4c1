import { execFile, spawn } from 'node:child_process';
import crypto, { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostClient } from '../../electron/host-client/host-client';
import { beginAttestation, createPcAttestor, defaultTcti, type TpmAttestation } from '../../electron/tpm';
import { beginCommandAttestation } from '../../electron/tpm/command-attestation';
import { RSA_EK_CERT_INDEX, trimDer } from '../../electron/tpm/ek-certificate';
import { createTcpTransport } from '../../electron/tpm/tcp-transport';
import { Tpm2 } from '../../electron/tpm/tpm2-commands';
import { describeResponseCode, TpmResponseError } from '../../electron/tpm/tpm2-response-codes';
import { createWindowsTbsTransport } from '../../electron/tpm/windows-tbs-transport';
import type { AttestationChallenge, RegistrationCreated } from '../../protocol';
import { parseTpm2bPublic } from '../../server/attestation/tpm-public';
import { databaseVariants } from '../support/databases';
import { newRegistration } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { readStore, storedRowCounts } from '../support/stored-rows';
import { startSoftwareTpm, type SoftwareTpm } from '../support/software-tpm';
import { haveTools } from '../support/system-tools';
import { useTestHost, type SuiteHost } from '../support/use-test-host';

const run = promisify(execFile);
// The command layer is client-side: one store is enough (attestation.test covers the host on both).
const [variant] = await databaseVariants('tpm-commands.test');
const root = mkdtempSync(path.join(os.tmpdir(), 'tpm-commands-test-'));
const trustedCaDir = path.join(root, 'genuine', 'trusted');
const FAKE_BRIDGE = fileURLToPath(new URL('../support/fake-tbs-bridge.mjs', import.meta.url));

type Answer = ErrorResponse & RegistrationCreated & AttestationChallenge;

describe('TPM response codes in words', () => {
  it('names the code and where it points', () => {
    expect(describeResponseCode(0x9a2)).toBe('TPM_RC_BAD_AUTH (session 1, 0x9a2)');
    expect(describeResponseCode(0x2c4)).toBe('TPM_RC_VALUE (parameter 2, 0x2c4)');
    expect(describeResponseCode(0x922)).toBe('TPM_RC_RETRY (0x922)');
    expect(describeResponseCode(0x14a)).toBe('TPM_RC_NV_UNINITIALIZED (0x14a)');
    expect(describeResponseCode(0x8028400f)).toMatch(/^TBS_E_TPM_NOT_FOUND/);
  });

  it('picks TBS on Windows, the kernel resource manager or nothing elsewhere, a configured TCTI first', () => {
    expect(defaultTcti({}, 'win32')).toBe('tbs');
    expect(defaultTcti({}, 'darwin')).toBeNull();
    expect(defaultTcti({ tcti: 'tcp:port=2321' }, 'win32')).toBe('tcp:port=2321');
  });
});

describe.skipIf(!variant || !haveTools('swtpm', 'tpm2'))('TPM 2.0 command layer (electron/tpm) against swtpm over TCP', () => {
  let genuine: SoftwareTpm;
  let foreign: SoftwareTpm;
  /** What tpm2-tools made of the genuine TPM, before our layer touched it. */
  const tools = { ekCertificate: Buffer.alloc(0), ekPublic: Buffer.alloc(0), akPublic: Buffer.alloc(0) };
  const sessions: TpmAttestation[] = [];
  const tcp = (tpm: SoftwareTpm) => `tcp:host=127.0.0.1,port=${tpm.port}`;
  const begin = async (tcti: string) => {
    const made = await beginAttestation(tcti);
    sessions.push(made);
    return made;
  };
  const fakeBridge = (tpm: SoftwareTpm, mode = '') => () => spawn(process.execPath, [FAKE_BRIDGE, String(tpm.port), mode], { stdio: 'pipe' });

  beforeAll(async () => {
    [genuine, foreign] = await Promise.all([startSoftwareTpm(path.join(root, 'genuine')), startSoftwareTpm(path.join(root, 'foreign'))]);
    const env = { ...process.env, TPM2TOOLS_TCTI: genuine.tcti };
    const file = (name: string) => path.join(root, name);
    await run('tpm2_nvread', ['0x01c00002', '-o', file('ek.crt')], { env });
    await run('tpm2_createek', ['-c', file('ek.ctx'), '-G', 'rsa', '-u', file('ek.pub')], { env });
    await run('tpm2_flushcontext', ['-t'], { env });
    await run('tpm2_createak', ['-C', file('ek.ctx'), '-c', file('ak.ctx'), '-G', 'rsa', '-g', 'sha256', '-s', 'rsassa', '-u', file('ak.pub')], { env });
    await run('tpm2_flushcontext', ['-t'], { env });
    [tools.ekCertificate, tools.ekPublic, tools.akPublic] = await Promise.all([readFile(file('ek.crt')), readFile(file('ek.pub')), readFile(file('ak.pub'))]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await Promise.all([genuine?.stop(), foreign?.stop()]);
    await rm(root, { recursive: true, force: true });
  });

  it('reads the EK certificate and creates the EK exactly as tpm2-tools does, and the AK from the same template', async () => {
    const tpm = new Tpm2(createTcpTransport({ host: '127.0.0.1', port: genuine.port }));
    // The whole NV area, byte for byte, also when read in many small pieces.
    expect((await tpm.nvReadAll(RSA_EK_CERT_INDEX)).equals(tools.ekCertificate)).toBe(true);
    expect((await tpm.nvReadAll(RSA_EK_CERT_INDEX, 100)).equals(tools.ekCertificate)).toBe(true);

    const ours = await beginAttestation(tcp(genuine));
    await ours.close(); // the EK leaves the TPM's few object slots; the identity stays readable
    expect(ours.identity.ekCertificate.equals(trimDer(tools.ekCertificate))).toBe(true);
    expect(new X509Certificate(ours.identity.ekCertificate).publicKey.asymmetricKeyType).toBe('rsa');
    expect(ours.identity.ekPublic.toString('hex')).toBe(tools.ekPublic.toString('hex'));
    // A fresh AK has a fresh key: everything before the 256-byte modulus must match tpm2_createak's.
    const [ourAk, theirAk] = [parseTpm2bPublic(ours.identity.akPublic), parseTpm2bPublic(tools.akPublic)];
    expect(ourAk.body.length).toBe(theirAk.body.length);
    expect(ourAk.body.subarray(0, -256).toString('hex')).toBe(theirAk.body.subarray(0, -256).toString('hex'));
    expect(ourAk.rsa?.modulus.equals(theirAk.rsa?.modulus ?? Buffer.alloc(0))).toBe(false);
  });

  it('turns an error response into an error naming the command and the code', async () => {
    const tpm = new Tpm2(createTcpTransport({ host: '127.0.0.1', port: genuine.port }));
    const missing = tpm.nvReadPublic(0x01c0fff0);
    await expect(missing).rejects.toBeInstanceOf(TpmResponseError);
    await expect(missing).rejects.toThrow('TPM2_NV_ReadPublic failed: TPM_RC_HANDLE (handle 1, 0x18b)');
  });

  describe('through the real host (ATTESTATION=prefer)', () => {
    const suite = useTestHost(variant!, { ATTESTATION: 'prefer', TPM_EK_CA_DIR: trustedCaDir });
    const post = (route: string, body: unknown) => request<Answer>(suite.host.url, 'POST', route, { body });
    const identityBody = (tpm: TpmAttestation) => ({
      ekCertificate: tpm.identity.ekCertificate.toString('base64'),
      ekPublic: tpm.identity.ekPublic.toString('base64'),
      akPublic: tpm.identity.akPublic.toString('base64'),
    });
    const challenge = async (tpm: TpmAttestation) => {
      const answer = await post('/api/v1/attestations', identityBody(tpm));
      expect(answer.status).toBe(201);
      return answer.body;
    };
    const credential = (made: AttestationChallenge) => ({ credentialBlob: Buffer.from(made.credentialBlob, 'base64'), encryptedSecret: Buffer.from(made.encryptedSecret, 'base64') });
    const storedPc = (host: SuiteHost, serial: string | null | undefined) =>
      readStore(host.database, (db) => db.selectFrom('devices').select(['attested', 'ek_public_sha256']).where('serial', '=', serial ?? '').executeTakeFirstOrThrow());
    const ekDigest = (certificate: Buffer) => crypto.createHash('sha256').update(new X509Certificate(certificate).publicKey.export({ format: 'der', type: 'spki' })).digest('hex');

    it('registers a PC whose wizard attests through the command layer as attested, bound to its EK', async () => {
      const attestor = createPcAttestor({ tcti: tcp(genuine), log: (line) => expect.fail(line) });
      try {
        const proof = await attestor.prove(createHostClient({ baseUrl: suite.host.url, retries: 0 }));
        expect(proof).not.toBeNull();
        const body = { ...newRegistration(), attestation: proof };
        expect((await post('/api/v1/registrations', body)).status).toBe(201);
        expect(await storedPc(suite, body.device.serial)).toEqual({ attested: 1, ek_public_sha256: ekDigest(tools.ekCertificate) });
      } finally {
        await attestor.close();
      }
    });

    it('refuses another TPM, an activation by another TPM or AK, and a secret for another challenge', async () => {
      const [ours, other] = await Promise.all([begin(tcp(genuine)), begin(tcp(foreign))]);
      const before = await storedRowCounts(suite.database);
      // The foreign TPM's EK certificate comes from a CA the host does not trust.
      const untrusted = await post('/api/v1/attestations', identityBody(other));
      expect(untrusted.status).toBe(422);
      expect(untrusted.body.error.code).toBe('ATTESTATION_UNTRUSTED');
      // The TPM itself refuses a credential made for another EK, or for another AK under the same EK.
      const forOurs = await challenge(ours);
      await expect(other.activate(credential(forOurs))).rejects.toThrow(/^TPM2_ActivateCredential failed: TPM_RC_/);
      const sibling = await begin(tcp(genuine));
      await expect(sibling.activate(credential(forOurs))).rejects.toThrow(/^TPM2_ActivateCredential failed: TPM_RC_/);
      await sibling.close();
      // The right TPM's secret, presented for a challenge it was not made for.
      const secret = await ours.activate(credential(forOurs));
      const another = await challenge(ours);
      const wrong = await post('/api/v1/registrations', { ...newRegistration(), attestation: { attestationId: another.attestationId, secret: secret.toString('base64') } });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.code).toBe('ATTESTATION_FAILED');
      expect(await storedRowCounts(suite.database)).toEqual({ ...before, attestation_challenges: before.attestation_challenges + 2 });
      // The genuine answer still registers.
      const registered = await post('/api/v1/registrations', { ...newRegistration(), attestation: { attestationId: forOurs.attestationId, secret: secret.toString('base64') } });
      expect(registered.status).toBe(201);
    });

    it('attests through the Windows TBS transport protocol (a stand-in bridge forwarding to swtpm)', async () => {
      let starts = 0;
      const start = fakeBridge(genuine);
      const transport = createWindowsTbsTransport({
        start: () => {
          starts += 1;
          return start();
        },
      });
      const session = await beginCommandAttestation(transport);
      sessions.push(session);
      expect(session.identity.ekPublic.equals(tools.ekPublic)).toBe(true);
      const made = await challenge(session);
      const secret = await session.activate(credential(made));
      const body = { ...newRegistration(), attestation: { attestationId: made.attestationId, secret: secret.toString('base64') } };
      expect((await post('/api/v1/registrations', body)).status).toBe(201);
      expect(await storedPc(suite, body.device.serial)).toMatchObject({ attested: 1 });
      expect(starts).toBe(1); // one long-lived child for every command
    });
  });

  it('reports what TBS says when there is no TPM, and a bridge that dies', async () => {
    await expect(beginCommandAttestation(createWindowsTbsTransport({ start: fakeBridge(genuine, 'no-tpm') }))).rejects.toThrow(/TBS refused the command: TBS_E_TPM_NOT_FOUND/);
    let starts = 0;
    const dying = createWindowsTbsTransport({
      start: () => {
        starts += 1;
        return fakeBridge(genuine, 'die-on-command')();
      },
    });
    const command = Buffer.from('80010000000a0000017a', 'hex');
    await expect(dying.submit(command)).rejects.toThrow('the TBS bridge stopped (exit 3)');
    await expect(dying.submit(command)).rejects.toThrow('the TBS bridge stopped (exit 3)');
    expect(starts).toBe(2); // the next command starts a new bridge
  });
});
