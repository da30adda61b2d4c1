/** NV index of the RSA 2048 EK certificate (TCG EK Credential Profile §2.2.1.4). */
export const RSA_EK_CERT_INDEX = 0x01c00002;

/** An NV area can be larger than the certificate in it: keep the DER SEQUENCE only. */
export function trimDer(bytes: Buffer): Buffer {
  if (bytes[0] !== 0x30 || bytes.length < 2) return bytes;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const lengthBytes = first & 0x7f;
  if (lengthBytes < 1 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return bytes;
  return bytes.subarray(0, 2 + lengthBytes + bytes.readUIntBE(2, lengthBytes));
}
