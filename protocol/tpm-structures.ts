/**
 * TPM 2.0 marshalling shared by the host (which parses the EK and AK the wizard sends) and the
 * wizard (which builds TPM commands on Windows): big-endian integers and size-prefixed buffers
 * over plain Uint8Array, so it runs anywhere (Node's Buffer is a Uint8Array).
 */

/** TPM 2.0 algorithm ids used here (TPM 2.0 Part 2, table "TPM_ALG_ID"). */
export const TPM_ALG = { rsa: 0x0001, sha256: 0x000b, aes: 0x0006, null: 0x0010, rsassa: 0x0014, cfb: 0x0043, ecc: 0x0023 } as const;

/** TPMA_OBJECT bits (Part 2 §8.3) that decide what a key may be used for. */
export const TPMA_OBJECT = {
  fixedTpm: 1 << 1,
  fixedParent: 1 << 4,
  sensitiveDataOrigin: 1 << 5,
  userWithAuth: 1 << 6,
  adminWithPolicy: 1 << 7,
  restricted: 1 << 16,
  decrypt: 1 << 17,
  sign: 1 << 18,
} as const;

/** Raised for bytes that are not a well-formed TPM structure. */
export class TpmStructureError extends Error {
  override readonly name = 'TpmStructureError';
}

/** A cursor over big-endian TPM marshalling; every read past the end is a TpmStructureError. */
export class TpmReader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.offset++);
  }
  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.offset);
    this.offset += 2;
    return value;
  }
  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }
  /** `count` raw bytes (a view, not a copy). */
  take(count: number): Uint8Array {
    this.need(count);
    const value = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return value;
  }
  /** A TPM2B: a u16 size, then that many bytes (without the size). */
  sized(): Uint8Array {
    return this.take(this.u16());
  }
  /** A TPM2B with its size prefix, as a whole structure to pass on unchanged. */
  sizedWhole(): Uint8Array {
    const start = this.offset;
    this.sized();
    return this.bytes.subarray(start, this.offset);
  }
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw new TpmStructureError('truncated TPM structure');
  }
}

/** Builds big-endian TPM marshalling. */
export class TpmWriter {
  private readonly parts: Uint8Array[] = [];
  u8(value: number): this {
    this.parts.push(Uint8Array.of(value & 0xff));
    return this;
  }
  u16(value: number): this {
    const bytes = new Uint8Array(2);
    new DataView(bytes.buffer).setUint16(0, value);
    this.parts.push(bytes);
    return this;
  }
  u32(value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value >>> 0);
    this.parts.push(bytes);
    return this;
  }
  raw(bytes: Uint8Array): this {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }
  /** A TPM2B: the size, then the bytes. */
  sized(bytes: Uint8Array): this {
    if (bytes.length > 0xffff) throw new TpmStructureError('TPM2B larger than 65535 bytes');
    return this.u16(bytes.length).raw(bytes);
  }
  get length(): number {
    return this.parts.reduce((sum, part) => sum + part.length, 0);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

/** An RSA TPMT_PUBLIC's fields, as a template to create a key from or as a TPM reports a key. */
export interface RsaPublicArea {
  nameAlg: number;
  attributes: number;
  authPolicy: Uint8Array;
  /** AES-128-CFB for storage keys (the EK), null for signing keys. */
  symmetric: { algorithm: number; keyBits: number; mode: number } | null;
  /** The signing scheme and its hash (RSASSA + SHA-256 for the AK), null for none. */
  scheme: { algorithm: number; hash: number } | null;
  keyBits: number;
  /** 0 means the default 65537. */
  exponent: number;
  /** The modulus (for a template: what the EK templates put there, 256 zero bytes, or empty). */
  unique: Uint8Array;
}

/** Marshals an RSA key as a TPM2B_PUBLIC (Part 2 §12.2.5), the form both the TPM and the attestation API use. */
export function marshalRsaPublic(area: RsaPublicArea): Uint8Array {
  const body = new TpmWriter().u16(TPM_ALG.rsa).u16(area.nameAlg).u32(area.attributes).sized(area.authPolicy);
  if (area.symmetric) body.u16(area.symmetric.algorithm).u16(area.symmetric.keyBits).u16(area.symmetric.mode);
  else body.u16(TPM_ALG.null);
  if (area.scheme) body.u16(area.scheme.algorithm).u16(area.scheme.hash);
  else body.u16(TPM_ALG.null);
  body.u16(area.keyBits).u32(area.exponent).sized(area.unique);
  return new TpmWriter().sized(body.bytes()).bytes();
}
