import crypto from 'node:crypto';
import { TPM_ALG, TpmReader as Reader, TpmStructureError } from '../../protocol/tpm-structures';

export { TPM_ALG, TPMA_OBJECT, TpmStructureError } from '../../protocol/tpm-structures';

/** The parts of a TPMT_PUBLIC the host needs: the key's type, name algorithm, attributes and, for RSA, its key. */
export interface TpmPublic {
  type: number;
  nameAlg: number;
  attributes: number;
  /** The marshalled TPMT_PUBLIC (a TPM2B_PUBLIC without its size), which the name hashes. */
  body: Buffer;
  /** RSA keys only: the symmetric algorithm of a storage key (AES-128-CFB for the TCG EK templates) and the public key. */
  rsa?: { symmetric: { algorithm: number; keyBits: number; mode: number }; modulus: Buffer; exponent: number };
}

/** Parses a TPM2B_PUBLIC (as written by tpm2_createek/tpm2_createak `-u`). */
export function parseTpm2bPublic(bytes: Buffer): TpmPublic {
  const outer = new Reader(bytes);
  const body = outer.sized();
  if (outer.remaining !== 0) throw new TpmStructureError('bytes after the TPM2B_PUBLIC');
  const reader = new Reader(body);
  const type = reader.u16();
  const nameAlg = reader.u16();
  const attributes = reader.u32();
  reader.sized(); // authPolicy
  const parsed: TpmPublic = { type, nameAlg, attributes, body: Buffer.from(body) };
  if (type === TPM_ALG.rsa) {
    const algorithm = reader.u16();
    const symmetric = { algorithm, keyBits: 0, mode: 0 };
    if (algorithm !== TPM_ALG.null) {
      symmetric.keyBits = reader.u16();
      symmetric.mode = reader.u16();
    }
    const scheme = reader.u16();
    if (scheme !== TPM_ALG.null) reader.u16(); // the scheme's hash algorithm
    reader.u16(); // keyBits
    const exponent = reader.u32();
    const modulus = reader.sized();
    if (modulus.length === 0) throw new TpmStructureError('RSA key without a modulus');
    parsed.rsa = { symmetric, modulus: Buffer.from(modulus), exponent: exponent === 0 ? 65537 : exponent };
    if (reader.remaining !== 0) throw new TpmStructureError('bytes after the RSA public key');
  }
  return parsed;
}

/** The object's TPM name: nameAlg || H_nameAlg(TPMT_PUBLIC) (Part 1 §16); only SHA-256 names are accepted. */
export function tpmObjectName(key: TpmPublic): Buffer {
  if (key.nameAlg !== TPM_ALG.sha256) throw new TpmStructureError('name algorithm is not SHA-256');
  const alg = Buffer.alloc(2);
  alg.writeUInt16BE(key.nameAlg);
  return Buffer.concat([alg, crypto.createHash('sha256').update(key.body).digest()]);
}

/** True when every bit of `required` is set in the key's attributes. */
export function hasAttributes(key: TpmPublic, required: number): boolean {
  return (key.attributes & required) === required;
}
