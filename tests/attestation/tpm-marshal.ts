/** Marshals an RSA TPM2B_PUBLIC as a TPM would, so tests can make EK/AK structures for software keys. */
export function rsaTpm2bPublic(modulus: Buffer, options: { attributes: number; symmetric: boolean }): Buffer {
  const parts: Buffer[] = [];
  const u16 = (value: number) => {
    const bytes = Buffer.alloc(2);
    bytes.writeUInt16BE(value);
    parts.push(bytes);
  };
  u16(0x0001); // TPM_ALG_RSA
  u16(0x000b); // nameAlg SHA-256
  const attributes = Buffer.alloc(4);
  attributes.writeUInt32BE(options.attributes);
  parts.push(attributes);
  u16(0); // empty authPolicy
  if (options.symmetric) {
    u16(0x0006);
    u16(128);
    u16(0x0043);
  } else u16(0x0010);
  u16(0x0010); // scheme NULL
  u16(modulus.length * 8);
  parts.push(Buffer.alloc(4)); // exponent 0 = 65537
  u16(modulus.length);
  parts.push(modulus);
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(2);
  size.writeUInt16BE(body.length);
  return Buffer.concat([size, body]);
}
