/** TPM_RC names (TPM 2.0 Part 2 §6.6) of format-one errors, by their 6-bit number. */
const FORMAT_ONE: Record<number, string> = {
  0x01: 'ASYMMETRIC', 0x02: 'ATTRIBUTES', 0x03: 'HASH', 0x04: 'VALUE', 0x05: 'HIERARCHY', 0x07: 'KEY_SIZE',
  0x08: 'MGF', 0x09: 'MODE', 0x0a: 'TYPE', 0x0b: 'HANDLE', 0x0c: 'KDF', 0x0d: 'RANGE', 0x0e: 'AUTH_FAIL',
  0x0f: 'NONCE', 0x10: 'PP', 0x12: 'SCHEME', 0x15: 'SIZE', 0x16: 'SYMMETRIC', 0x17: 'TAG', 0x18: 'SELECTOR',
  0x1a: 'INSUFFICIENT', 0x1b: 'SIGNATURE', 0x1c: 'KEY', 0x1d: 'POLICY_FAIL', 0x1f: 'INTEGRITY', 0x20: 'TICKET',
  0x21: 'RESERVED_BITS', 0x22: 'BAD_AUTH', 0x23: 'EXPIRED', 0x24: 'POLICY_CC', 0x25: 'BINDING', 0x26: 'CURVE', 0x27: 'ECC_POINT',
};
/** Format-zero errors (RC_VER1 + n). */
const VERSION_ONE: Record<number, string> = {
  0x00: 'INITIALIZE', 0x01: 'FAILURE', 0x03: 'SEQUENCE', 0x0b: 'PRIVATE', 0x19: 'HMAC', 0x20: 'DISABLED', 0x21: 'EXCLUSIVE',
  0x24: 'AUTH_TYPE', 0x25: 'AUTH_MISSING', 0x26: 'POLICY', 0x27: 'PCR', 0x28: 'PCR_CHANGED', 0x2d: 'UPGRADE',
  0x2e: 'TOO_MANY_CONTEXTS', 0x2f: 'AUTH_UNAVAILABLE', 0x30: 'REBOOT', 0x31: 'UNBALANCED', 0x42: 'COMMAND_SIZE',
  0x43: 'COMMAND_CODE', 0x44: 'AUTHSIZE', 0x45: 'AUTH_CONTEXT', 0x46: 'NV_RANGE', 0x47: 'NV_SIZE', 0x48: 'NV_LOCKED',
  0x49: 'NV_AUTHORIZATION', 0x4a: 'NV_UNINITIALIZED', 0x4b: 'NV_SPACE', 0x4c: 'NV_DEFINED', 0x50: 'BAD_CONTEXT',
  0x51: 'CPHASH', 0x52: 'PARENT', 0x53: 'NEEDS_TEST', 0x54: 'NO_RESULT', 0x55: 'SENSITIVE',
};
/** Warnings (RC_WARN + n): the TPM is busy or out of room, the command itself may be fine. */
const WARNING: Record<number, string> = {
  0x01: 'CONTEXT_GAP', 0x02: 'OBJECT_MEMORY', 0x03: 'SESSION_MEMORY', 0x04: 'MEMORY', 0x05: 'SESSION_HANDLES',
  0x06: 'OBJECT_HANDLES', 0x07: 'LOCALITY', 0x08: 'YIELDED', 0x09: 'CANCELED', 0x0a: 'TESTING', 0x20: 'NV_RATE',
  0x21: 'LOCKOUT', 0x22: 'RETRY', 0x23: 'NV_UNAVAILABLE',
};
/** What Windows answers instead of the TPM (TBS_E_* and TPM_E_* of winerror.h). */
const WINDOWS: Record<number, string> = {
  0x80280400: 'TPM_E_COMMAND_BLOCKED (Windows blocks this TPM command for this user)',
  0x80284001: 'TBS_E_INTERNAL_ERROR',
  0x80284002: 'TBS_E_BAD_PARAMETER',
  0x80284004: 'TBS_E_INVALID_CONTEXT',
  0x80284005: 'TBS_E_INSUFFICIENT_BUFFER',
  0x80284006: 'TBS_E_IOERROR',
  0x80284008: 'TBS_E_SERVICE_NOT_RUNNING',
  0x8028400e: 'TBS_E_BUFFER_TOO_LARGE',
  0x8028400f: 'TBS_E_TPM_NOT_FOUND (no TPM 2.0 on this PC)',
  0x80284010: 'TBS_E_SERVICE_DISABLED',
};

/** Response codes worth one more try: the TPM asks for it (Part 1 §30.3, "warnings"). */
export const RETRYABLE_RESPONSE_CODES: ReadonlySet<number> = new Set([0x908, 0x90a, 0x922]);

const hex = (code: number) => `0x${code.toString(16).padStart(3, '0')}`;

/** A TPM (or Windows TBS) response code in words, e.g. "TPM_RC_BAD_AUTH (session 1, 0x9a2)". */
export function describeResponseCode(code: number): string {
  if (code >= 0x80000000) return `${WINDOWS[code] ?? 'Windows TBS error'} (0x${code.toString(16)})`;
  if (code & 0x80) {
    const name = FORMAT_ONE[code & 0x3f] ?? 'error';
    const n = (code >> 8) & 0xf;
    const where = code & 0x40 ? `parameter ${n}` : n & 0x8 ? `session ${n & 0x7}` : `handle ${n & 0x7}`;
    return `TPM_RC_${name} (${where}, ${hex(code)})`;
  }
  if (code & 0x100) {
    const table = code & 0x800 ? WARNING : VERSION_ONE;
    if (code & 0x400) return `TPM vendor error ${hex(code)}`;
    return `TPM_RC_${table[code & 0x7f] ?? 'error'} (${hex(code)})`;
  }
  return `TPM 1.2 error ${hex(code)}`;
}

/** A command the TPM (or TBS) answered with an error; `code` is the raw response code. */
export class TpmResponseError extends Error {
  override readonly name = 'TpmResponseError';
  constructor(
    readonly command: string,
    readonly code: number,
  ) {
    super(`TPM2_${command} failed: ${describeResponseCode(code)}`);
  }
}
