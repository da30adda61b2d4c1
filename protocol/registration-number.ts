/** Crockford's Base32 alphabet: no I, L, O or U, so a number read aloud or typed is hard to get wrong. */
export const REGISTRATION_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = REGISTRATION_ALPHABET.length;
const BODY_LENGTH = 11;

function codePoint(symbol: string): number {
  const index = REGISTRATION_ALPHABET.indexOf(symbol);
  if (index < 0) throw new RangeError(`not a registration symbol: ${symbol}`);
  return index;
}

/** Luhn mod 32 check symbol over the given symbols (API.md: code point = index in the alphabet). */
export function checkSymbol(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    let addend = factor * codePoint(body.charAt(i));
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / BASE) + (addend % BASE);
    sum += addend;
  }
  const check = (BASE - (sum % BASE)) % BASE;
  return REGISTRATION_ALPHABET.charAt(check);
}

function format(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`;
}

/**
 * Makes a number from 11 random bytes; the caller supplies them so this file runs anywhere
 * (Node's crypto on the host, WebCrypto elsewhere).
 */
export function makeRegistrationNumber(randomBytes: Uint8Array): string {
  if (randomBytes.length < BODY_LENGTH) throw new RangeError('need 11 random bytes');
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i += 1) {
    body += REGISTRATION_ALPHABET.charAt((randomBytes[i] ?? 0) % BASE);
  }
  return format(body + checkSymbol(body));
}

/**
 * Reads typed input: any case, with or without hyphens or spaces, I/L as 1 and O as 0.
 * Returns the canonical `XXXX-XXXX-XXXX` form, or null when it is not a valid number.
 */
export function normaliseRegistrationNumber(input: string): string | null {
  const compact = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact)) return null;
  const body = compact.slice(0, BODY_LENGTH);
  if (checkSymbol(body) !== compact.charAt(BODY_LENGTH)) return null;
  return format(compact);
}

/** True for a well-formed number whose check symbol matches, in any accepted spelling. */
export function isValidRegistrationNumber(input: string): boolean {
  return normaliseRegistrationNumber(input) !== null;
}
