/** How raw TPM 2.0 command bytes reach a TPM: TBS on Windows, a TCP socket to a software TPM in tests. */
export interface TpmTransport {
  /** One command in, its whole response out; commands are never interleaved by the caller. */
  submit(command: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

/** The largest response we accept (TPM responses stay well below 4 KiB; MAX_RESPONSE_SIZE in practice). */
export const MAX_RESPONSE_BYTES = 64 * 1024;
const HEADER_BYTES = 10;

/**
 * The length of the response that `bytes` starts with, from its header (tag u16, size u32, code u32),
 * or null while fewer than 6 bytes have arrived. Throws on a size no TPM would send.
 */
export function responseLength(bytes: Buffer): number | null {
  if (bytes.length < 6) return null;
  const size = bytes.readUInt32BE(2);
  if (size < HEADER_BYTES || size > MAX_RESPONSE_BYTES) throw new Error(`the TPM answered a malformed response (size ${size})`);
  return size;
}
