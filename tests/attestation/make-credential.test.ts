import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kdfaSha256, makeCredential } from '../../server/attestation/make-credential';
import { parseTpm2bPublic, TPM_ALG, tpmObjectName, type TpmPublic } from '../../server/attestation/tpm-public';
import { haveTools } from '../support/system-tools';
import { rsaTpm2bPublic } from './tpm-marshal';

const run = promisify(execFile);

/** A software RSA key standing in for the EK: the test holds its private key, so it can read the seed tpm2_makecredential drew. */
function softwareEk(): { ek: TpmPublic; privateKey: crypto.KeyObject; pem: string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const modulus = Buffer.from(publicKey.export({ format: 'jwk' }).n ?? '', 'base64url');
  // tpm2_makecredential -G rsa applies the TCG default EK template (AES-128-CFB, SHA-256 names).
  const ek = parseTpm2bPublic(rsaTpm2bPublic(modulus, { attributes: 0x000300b2, symmetric: true }));
  return { ek, privateKey, pem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

describe.skipIf(!haveTools('tpm2'))('MakeCredential against tpm2_makecredential --tcti none', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'make-credential-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('derives the same credential blob, byte for byte, from the seed tpm2-tools drew', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { ek, privateKey, pem } = softwareEk();
      const akKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
      const ak = parseTpm2bPublic(rsaTpm2bPublic(Buffer.from(akKey.export({ format: 'jwk' }).n ?? '', 'base64url'), { attributes: 0x00050072, symmetric: false }));
      const name = tpmObjectName(ak);
      const secret = crypto.randomBytes(1 + round * 10);
      await writeFile(path.join(dir, 'ek.pem'), pem);
      await writeFile(path.join(dir, 'secret'), secret);
      const out = path.join(dir, `cred-${round}`);
      await run('tpm2_makecredential', ['--tcti', 'none', '-G', 'rsa', '-u', path.join(dir, 'ek.pem'), '-s', path.join(dir, 'secret'), '-n', name.toString('hex'), '-o', out]);
      const file = await readFile(out);
      // tpm2-tools' file: magic BADCC0DE, version 1, TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET.
      expect(file.readUInt32BE(0)).toBe(0xbadcc0de);
      const idSize = file.readUInt16BE(8);
      const theirBlob = file.subarray(8, 10 + idSize);
      const theirSecret = file.subarray(10 + idSize);
      const seed = crypto.privateDecrypt(
        { key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from('IDENTITY\0') },
        theirSecret.subarray(2),
      );
      expect(seed).toHaveLength(32);
      const ours = makeCredential(ek, name, secret, seed);
      expect(ours.credentialBlob.toString('hex')).toBe(theirBlob.toString('hex'));
      // Our own OAEP part is random, so compare what it carries: the same seed, for the same key.
      expect(ours.encryptedSecret).toHaveLength(theirSecret.length);
      const ourSeed = crypto.privateDecrypt(
        { key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from('IDENTITY\0') },
        ours.encryptedSecret.subarray(2),
      );
      expect(ourSeed.equals(seed)).toBe(true);
    }
  });

  it('changes the blob when the name or the seed differ (the integrity HMAC covers them)', () => {
    const { ek } = softwareEk();
    const seed = crypto.randomBytes(32);
    const secret = crypto.randomBytes(32);
    const name = Buffer.concat([Buffer.from([0, TPM_ALG.sha256]), crypto.randomBytes(32)]);
    const other = Buffer.from(name);
    other[5] = (other[5] ?? 0) ^ 1;
    const base = makeCredential(ek, name, secret, seed).credentialBlob;
    expect(makeCredential(ek, other, secret, seed).credentialBlob.equals(base)).toBe(false);
    expect(makeCredential(ek, name, secret, crypto.randomBytes(32)).credentialBlob.equals(base)).toBe(false);
  });

  it('implements KDFa over more than one HMAC block', () => {
    const key = crypto.randomBytes(32);
    const long = kdfaSha256(key, 'STORAGE', Buffer.from('u'), Buffer.from('v'), 512);
    expect(long).toHaveLength(64);
    expect(kdfaSha256(key, 'STORAGE', Buffer.from('u'), Buffer.from('v'), 128).equals(long.subarray(0, 16))).toBe(false);
  });
});
