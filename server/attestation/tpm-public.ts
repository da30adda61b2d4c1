import crypto from 'node:crypto';

/** TPM 2.0 algorithm ids used here (TPM 2.0 Part 2, table "TPM_ALG_ID"). */
export const TPM_ALG = { rsa: 0x0001, sha256: 0x000b, aes: 0x0006, null: 0x0010, cfb: 0x0043, ecc: 0x0023 } as const;

/** TPMA_OBJECT bits (Part 2 §8.3) that decide what a key may be used for. */
export const TPMA_OBJECT = {
  fixedTpm: 1 << 1,
  fixedParent: 1 << 4,
  sensitiveDataOrigin: 1 << 5,
  restricted: 1 << 16,
  decrypt: 1 << 17,
  sign: 1 << 18,
} as const;

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

/** Raised for bytes that are not a well-formed TPM2B_PUBLIC. */
export class TpmStructureError extends Error {
  override readonly name = 'TpmStructureError';
}

/** A cursor over big-endian TPM marshalling. */
class Reader {
  private offset = 0;
  constructor(private readonly bytes: Buffer) {}
  u16(): number {
    this.need(2);
    const value = this.bytes.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }
  u32(): number {
    this.need(4);
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  sized(): Buffer {
    const size = this.u16();
    this.need(size);
    const value = this.bytes.subarray(this.offset, this.offset + size);
    this.offset += size;
    return value;
  }
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw new TpmStructureError('truncated TPM structure');
  }
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
