/** Characters API.md refuses in every text field: Unicode Cc, bidi overrides/isolates and U+FEFF. */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text holds a character that could hide or reorder what an operator sees. */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN_CHARACTERS.test(text) || LONE_SURROGATE.test(text);
}

/** Vendors compare after NFKC, ignoring case and all whitespace (API.md "Comparing devices"). */
export function normaliseVendor(vendor: string): string {
  return vendor.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** Serials compare trimmed and ignoring case (API.md "Comparing devices"). */
export function normaliseSerial(serial: string): string {
  return serial.trim().toUpperCase();
}

/** UUIDs are stored and compared lower case. */
export function normaliseUuid(uuid: string): string {
  return uuid.trim().toLowerCase();
}
