import crypto, { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginAttestation, type TpmAttestation } from '../../electron/tpm';
import type { AttestationChallenge, AttestationProof, FormSettings, RegistrationCreated } from '../../protocol';
import { importManifest } from '../../server/manifest/import-manifest';
import { sealFor } from '../../server/security/sealed-box';
import { databaseVariants } from '../support/databases';
import { newRegistration, pc, printer, uniqueSerial } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { readStore, storedRowCounts } from '../support/stored-rows';
import { startSoftwareTpm, type SoftwareTpm } from '../support/software-tpm';
import { haveTools } from '../support/system-tools';
import type { SuiteHost } from '../support/use-test-host';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('attestation.test');
const root = mkdtempSync(path.join(os.tmpdir(), 'attestation-test-'));
// The host trusts the genuine TPM's CA only; the foreign TPM's EK certificate comes from another CA.
const trustedCaDir = path.join(root, 'genuine', 'trusted');

type Answer = ErrorResponse & RegistrationCreated & AttestationChallenge;

describe.skipIf(!haveTools('swtpm', 'tpm2'))('TPM attestation of PCs (swtpm, tpm2-tools)', () => {
  let tpms: SoftwareTpm[] = [];
  // One EK and AK per TPM for the whole file (RSA key generation is the slow part); each proof is a fresh challenge.
  let genuine: TpmAttestation;
  let foreign: TpmAttestation;
  beforeAll(async () => {
    tpms = await Promise.all([startSoftwareTpm(path.join(root, 'genuine')), startSoftwareTpm(path.join(root, 'foreign'))]);
    const [genuineTpm, foreignTpm] = tpms as [SoftwareTpm, SoftwareTpm];
    [genuine, foreign] = await Promise.all([beginAttestation(genuineTpm.tcti), beginAttestation(foreignTpm.tcti)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([genuine?.close(), foreign?.close()]);
    await Promise.all(tpms.map((tpm) => tpm.stop()));
    await rm(root, { recursive: true, force: true });
  });

  const post = (suite: SuiteHost, route: string, body: unknown) => request<Answer>(suite.host.url, 'POST', route, { body });
  const identityBody = (tpm: TpmAttestation) => ({
    ekCertificate: tpm.identity.ekCertificate.toString('base64'),
    ekPublic: tpm.identity.ekPublic.toString('base64'),
    akPublic: tpm.identity.akPublic.toString('base64'),
  });
  /** What the wizard does: read the TPM, get a challenge, activate it. */
  async function prove(suite: SuiteHost, session: TpmAttestation): Promise<AttestationProof> {
    const challenge = await post(suite, '/api/v1/attestations', identityBody(session));
    expect(challenge.status).toBe(201);
    const secret = await session.activate({ credentialBlob: Buffer.from(challenge.body.credentialBlob, 'base64'), encryptedSecret: Buffer.from(challenge.body.encryptedSecret, 'base64') });
    return { attestationId: challenge.body.attestationId, secret: secret.toString('base64') };
  }
  const storedPc = (suite: SuiteHost, serial: string | null | undefined) =>
    readStore(suite.database, (db) => db.selectFrom('devices').select(['attested', 'ek_public_sha256']).where('serial', '=', serial ?? '').executeTakeFirstOrThrow());

  describe.each(variants)('on $kind', (variant) => {
    describe('ATTESTATION=prefer', () => {
      const suite = useTestHost(variant, { ATTESTATION: 'prefer', TPM_EK_CA_DIR: trustedCaDir });

      it('registers a PC with a genuine TPM as attested, bound to its EK', async () => {
        const proof = await prove(suite, genuine);
        const body = { ...newRegistration(), attestation: proof };
        const created = await post(suite, '/api/v1/registrations', body);
        expect(created.status).toBe(201);
        const spki = new X509Certificate(genuine.identity.ekCertificate).publicKey.export({ format: 'der', type: 'spki' });
        expect(await storedPc(suite, body.device.serial)).toEqual({ attested: 1, ek_public_sha256: crypto.createHash('sha256').update(spki).digest('hex') });
        // A retry of the same request with a fresh proof replays the 201 (the proof is not part of the request's hash).
        const retry = await post(suite, '/api/v1/registrations', { ...body, attestation: await prove(suite, genuine) });
        expect(retry.status).toBe(201);
        expect(retry.body).toEqual(created.body);
      });

      it('refuses an EK certificate from a CA it does not trust, or for another key, storing nothing', async () => {
        const before = await storedRowCounts(suite.database);
        const untrusted = await post(suite, '/api/v1/attestations', identityBody(foreign));
        expect(untrusted.status).toBe(422);
        expect(untrusted.body.error.code).toBe('ATTESTATION_UNTRUSTED');
        // A trusted certificate presented with another TPM's keys.
        const borrowed = await post(suite, '/api/v1/attestations', { ...identityBody(foreign), ekCertificate: genuine.identity.ekCertificate.toString('base64') });
        expect(borrowed.body.error.code).toBe('ATTESTATION_UNTRUSTED');
        const notTpm = await post(suite, '/api/v1/attestations', { ...identityBody(genuine), akPublic: Buffer.from('not a key').toString('base64') });
        expect(notTpm.status).toBe(422);
        expect(notTpm.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'akPublic' }] });
        // The EK itself as "AK": a decryption key, not a restricted signing key.
        const ekAsAk = await post(suite, '/api/v1/attestations', { ...identityBody(genuine), akPublic: genuine.identity.ekPublic.toString('base64') });
        expect(ekAsAk.body.error.code).toBe('ATTESTATION_UNTRUSTED');
        expect(await storedRowCounts(suite.database)).toEqual(before);
      });

      it('refuses a replayed, wrong or unknown activation, storing nothing', async () => {
        const proof = await prove(suite, genuine);
        expect((await post(suite, '/api/v1/registrations', { ...newRegistration(), attestation: proof })).status).toBe(201);
        const before = await storedRowCounts(suite.database);
        const replayed = await post(suite, '/api/v1/registrations', { ...newRegistration(), attestation: proof });
        expect(replayed.status).toBe(422);
        expect(replayed.body.error.code).toBe('ATTESTATION_FAILED');
        const fresh = await prove(suite, genuine);
        const wrong = await post(suite, '/api/v1/registrations', { ...newRegistration(), attestation: { ...fresh, secret: crypto.randomBytes(32).toString('base64') } });
        expect(wrong.body.error.code).toBe('ATTESTATION_FAILED');
        const unknown = await post(suite, '/api/v1/registrations', { ...newRegistration(), attestation: { ...fresh, attestationId: 'AAAAAAAAAAAAAAAAAAAAAA' } });
        expect(unknown.body.error.code).toBe('ATTESTATION_FAILED');
        const onPrinter = await post(suite, '/api/v1/registrations', { ...newRegistration({ device: printer() }), attestation: fresh });
        expect(onPrinter.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'attestation' }] });
        expect(await storedRowCounts(suite.database)).toEqual({ ...before, attestation_challenges: before.attestation_challenges + 1 });
        // The wrong secret did not burn the challenge: the TPM's own answer still registers.
        expect((await post(suite, '/api/v1/registrations', { ...newRegistration(), attestation: fresh })).status).toBe(201);
      });

      it('lets only the TPM a manifest row names register that serial', async () => {
        const ekDigest = (session: TpmAttestation) =>
          crypto.createHash('sha256').update(new X509Certificate(session.identity.ekCertificate).publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
        const bound = pc({ vendor: `Maker${uniqueSerial('')}` });
        const csv = `kind,vendor,model,serial,hardwareUuid,ekPublicSha256\npc,${bound.vendor},${bound.model},${bound.serial},${bound.hardwareUuid},${ekDigest(genuine).toUpperCase()}\n`;
        await readStore(suite.database, (db, dialect) => importManifest({ db, dialect }, Readable.from([csv]), { actor: 'test', now: () => Date.now() }));
        const before = await storedRowCounts(suite.database);
        const unattested = await post(suite, '/api/v1/registrations', newRegistration({ device: bound }));
        expect(unattested.body.error.code).toBe('ATTESTATION_REQUIRED');
        // The digest is compared case-insensitively (the import lower-cases it).
        const namedTpm = await post(suite, '/api/v1/registrations', { ...newRegistration({ device: bound }), attestation: await prove(suite, genuine) });
        expect(namedTpm.status).toBe(201);
        const rebound = pc({ vendor: bound.vendor });
        const otherCsv = `kind,vendor,model,serial,hardwareUuid,ekPublicSha256\npc,${rebound.vendor},${rebound.model},${rebound.serial},${rebound.hardwareUuid},${ekDigest(foreign)}\n`;
        await readStore(suite.database, (db, dialect) => importManifest({ db, dialect }, Readable.from([otherCsv]), { actor: 'test', now: () => Date.now() }));
        const mismatch = await post(suite, '/api/v1/registrations', { ...newRegistration({ device: rebound }), attestation: await prove(suite, genuine) });
        expect(mismatch.status).toBe(422);
        expect(mismatch.body.error.code).toBe('ATTESTATION_MISMATCH');
        const after = await storedRowCounts(suite.database);
        expect(after.devices).toBe(before.devices + 1);
      });

      it('registers a PC without a TPM as unattested', async () => {
        const body = newRegistration();
        expect((await post(suite, '/api/v1/registrations', body)).status).toBe(201);
        expect(await storedPc(suite, body.device.serial)).toEqual({ attested: 0, ek_public_sha256: null });
      });
    });

    describe('ATTESTATION=require', () => {
      const suite = useTestHost(variant, { ATTESTATION: 'require', TPM_EK_CA_DIR: trustedCaDir });

      it('refuses a PC without proof, but not a printer, and registers an attested PC', async () => {
        const before = await storedRowCounts(suite.database);
        const bare = await post(suite, '/api/v1/registrations', newRegistration());
        expect(bare.status).toBe(422);
        expect(bare.body.error.code).toBe('ATTESTATION_REQUIRED');
        expect(await storedRowCounts(suite.database)).toEqual(before);
        expect((await post(suite, '/api/v1/registrations', newRegistration({ device: printer() }))).status).toBe(201);
        expect((await post(suite, '/api/v1/registrations', { ...newRegistration(), attestation: await prove(suite, genuine) })).status).toBe(201);
      });

      it('takes the proof of a sealed (offline) registration beside the sealed body', async () => {
        const publicKey = (await request<FormSettings>(suite.host.url, 'GET', '/api/v1/form')).body.outboxPublicKey;
        const body = newRegistration({ device: pc() });
        const sealed = await sealFor(JSON.stringify(body), publicKey);
        expect((await post(suite, '/api/v1/registrations/sealed', { sealed })).body.error.code).toBe('ATTESTATION_REQUIRED');
        const delivered = await post(suite, '/api/v1/registrations/sealed', { sealed, attestation: await prove(suite, genuine) });
        expect(delivered.status).toBe(201);
        expect(await storedPc(suite, body.device.serial)).toMatchObject({ attested: 1 });
      });
    });

    describe('ATTESTATION=off', () => {
      const suite = useTestHost(variant);
      it('offers no challenge and ignores proofs', async () => {
        const challenge = await post(suite, '/api/v1/attestations', { ekCertificate: 'AAAA', ekPublic: 'AAAA', akPublic: 'AAAA' });
        expect(challenge.status).toBe(404);
        const body = { ...newRegistration(), attestation: { attestationId: 'x', secret: 'AAAA' } };
        expect((await post(suite, '/api/v1/registrations', body)).status).toBe(201);
        expect(await storedPc(suite, body.device.serial)).toEqual({ attested: 0, ek_public_sha256: null });
      });
    });
  });
});
