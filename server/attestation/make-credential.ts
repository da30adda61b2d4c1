import crypto from 'node:crypto';
import { TPM_ALG, type TpmPublic } from './tpm-public';

const SHA256_BYTES = 32;

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function sized(bytes: Buffer): Buffer {
  const size = Buffer.alloc(2);
  size.writeUInt16BE(bytes.length);
  return Buffer.concat([size, bytes]);
}

/** KDFa with HMAC-SHA256 (TPM 2.0 Part 1 §11.4.10.2): the TPM's counter-mode key derivation. */
export function kdfaSha256(key: Buffer, label: string, contextU: Buffer, contextV: Buffer, bits: number): Buffer {
  const labelBytes = Buffer.concat([Buffer.from(label, 'ascii'), Buffer.from([0])]);
  const blocks: Buffer[] = [];
  for (let counter = 1; blocks.length * SHA256_BYTES * 8 < bits; counter += 1) {
    blocks.push(crypto.createHmac('sha256', key).update(Buffer.concat([u32(counter), labelBytes, contextU, contextV, u32(bits)])).digest());
  }
  return Buffer.concat(blocks).subarray(0, Math.ceil(bits / 8));
}

/** The Node key object of a TPM's RSA public key. */
export function rsaPublicKey(modulus: Buffer, exponent: number): crypto.KeyObject {
  const hex = exponent.toString(16);
  const e = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
  return crypto.createPublicKey({ key: { kty: 'RSA', n: modulus.toString('base64url'), e: e.toString('base64url') }, format: 'jwk' });
}

/** What TPM2_MakeCredential returns: the TPM2B_ID_OBJECT and the TPM2B_ENCRYPTED_SECRET, both marshalled with their sizes. */
export interface MadeCredential {
  credentialBlob: Buffer;
  encryptedSecret: Buffer;
}

/**
 * TPM2_MakeCredential outside a TPM (Part 1 §24, Part 3 §12.6) for an RSA EK with a SHA-256 name and
 * AES-128-CFB: only the TPM holding that EK, with the key of `objectName` loaded, can recover `secret`.
 * `seed` is random per call; tests pass one to compare with tpm2_makecredential byte for byte.
 */
export function makeCredential(ek: TpmPublic, objectName: Buffer, secret: Buffer, seed: Buffer = crypto.randomBytes(SHA256_BYTES)): MadeCredential {
  const rsa = ek.rsa;
  if (ek.type !== TPM_ALG.rsa || !rsa) throw new Error('MakeCredential here supports RSA endorsement keys only');
  if (ek.nameAlg !== TPM_ALG.sha256) throw new Error('the endorsement key name algorithm must be SHA-256');
  const { algorithm, keyBits, mode } = rsa.symmetric;
  if (algorithm !== TPM_ALG.aes || keyBits !== 128 || mode !== TPM_ALG.cfb) throw new Error('the endorsement key must use AES-128-CFB');
  if (secret.length === 0 || secret.length > SHA256_BYTES) throw new Error('the credential secret must be 1-32 bytes');

  const publicKey = rsaPublicKey(rsa.modulus, rsa.exponent);
  const encryptedSeed = crypto.publicEncrypt(
    { key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from('IDENTITY\0', 'ascii') },
    seed,
  );
  const symmetricKey = kdfaSha256(seed, 'STORAGE', objectName, Buffer.alloc(0), keyBits);
  const cipher = crypto.createCipheriv('aes-128-cfb', symmetricKey, Buffer.alloc(16));
  const encIdentity = Buffer.concat([cipher.update(sized(secret)), cipher.final()]);
  const hmacKey = kdfaSha256(seed, 'INTEGRITY', Buffer.alloc(0), Buffer.alloc(0), SHA256_BYTES * 8);
  const integrity = crypto.createHmac('sha256', hmacKey).update(Buffer.concat([encIdentity, objectName])).digest();
  return { credentialBlob: sized(Buffer.concat([sized(integrity), encIdentity])), encryptedSecret: sized(encryptedSeed) };
}
