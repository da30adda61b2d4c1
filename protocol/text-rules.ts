import { canonicalSerialText, vendorKeyOf } from './canonical-identity';
/** Characters API.md refuses in every text field: Unicode Cc, bidi overrides/isolates and U+FEFF. */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text holds a character that could hide or reorder what an operator sees. */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN_CHARACTERS.test(text) || LONE_SURROGATE.test(text);
}

/** True when the text holds a control character (Unicode Cc) or a lone surrogate, which no identifier may carry into a log or a screen. */
export function hasControlCharacters(text: string): boolean {
  return /\p{Cc}/u.test(text) || LONE_SURROGATE.test(text);
}

/** Vendors compare by their vendor key (protocol/canonical-identity.ts), kept here for callers outside a device's kind. */
export function normaliseVendor(vendor: string): string {
  return vendorKeyOf(vendor, 'other');
}

/** Serials compare canonical and upper case (protocol/canonical-identity.ts), e.g. for a search box. */
export function normaliseSerial(serial: string): string {
  return canonicalSerialText(serial).toUpperCase();
}

/** UUIDs are stored and compared lower case. */
export function normaliseUuid(uuid: string): string {
  return uuid.normalize('NFKC').trim().toLowerCase();
}
