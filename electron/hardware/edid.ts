import { canonicalSerial } from '../../protocol/canonical-identity';
import { isJunkEdidSerialNumber } from '../../protocol/junk-identifiers';

/** What an EDID base block says about the monitor's identity. */
export interface EdidIdentity {
  /** Three-letter PNP manufacturer id (e.g. `DEL`). */
  vendor: string;
  productCode: number;
  /** The product code as the host takes it (`edidProductCode`): 4 upper-case hex digits. */
  productCodeHex: string;
  /** The 32-bit serial field (bytes 12–15, little endian). */
  serialNumber: number;
  /** Display descriptor 0xFF text, surrounding whitespace removed, or null. */
  serialText: string | null;
  /** Display descriptor 0xFC text (monitor name), or null. */
  name: string | null;
  /** The registrable serial: 0xFF text (canonical) unless junk, else the 32-bit serial unless a fill value, else null; short ones are kept (compared with the product code). */
  serial: string | null;
}

const HEADER = [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];

/** Text of a display descriptor: up to 13 bytes, ended by a line feed, padded with spaces. */
function descriptorText(bytes: Uint8Array, offset: number): string {
  let text = '';
  for (let i = offset + 5; i < offset + 18; i += 1) {
    const byte = bytes[i] ?? 0x0a;
    if (byte === 0x0a) break;
    text += String.fromCharCode(byte);
  }
  return text.trim();
}

/** True when the text is printable ASCII only; control bytes mean a fill pattern, not a serial. */
function printable(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** Decodes raw EDID bytes (linuxhw text dumps may also be passed: their hex is read). Null when not an EDID. */
export function parseEdid(input: Uint8Array): EdidIdentity | null {
  const bytes = looksLikeText(input) ? hexFromText(new TextDecoder().decode(input)) : input;
  if (bytes === null || bytes.length < 128 || !HEADER.every((value, index) => bytes[index] === value)) return null;
  const id = ((bytes[8] ?? 0) << 8) | (bytes[9] ?? 0);
  const letter = (shift: number): string => String.fromCharCode(((id >> shift) & 0x1f) + 64);
  const vendor = `${letter(10)}${letter(5)}${letter(0)}`;
  const productCode = (bytes[10] ?? 0) | ((bytes[11] ?? 0) << 8);
  const serialNumber = ((bytes[12] ?? 0) | ((bytes[13] ?? 0) << 8) | ((bytes[14] ?? 0) << 16) | ((bytes[15] ?? 0) << 24)) >>> 0;
  let serialText: string | null = null;
  let name: string | null = null;
  for (const offset of [54, 72, 90, 108]) {
    if (bytes[offset] !== 0 || bytes[offset + 1] !== 0 || bytes[offset + 2] !== 0) continue;
    const tag = bytes[offset + 3];
    if (tag === 0xff && serialText === null) serialText = descriptorText(bytes, offset);
    if (tag === 0xfc && name === null) name = descriptorText(bytes, offset);
  }
  const productCodeHex = productCode.toString(16).toUpperCase().padStart(4, '0');
  const text = serialText !== null && printable(serialText) ? canonicalSerial(serialText, { kind: 'monitor', edidProductCode: productCodeHex }) : null;
  const serial = text ?? (isJunkEdidSerialNumber(serialNumber) ? null : String(serialNumber));
  return { vendor, productCode, productCodeHex, serialNumber, serialText, name: name !== null && printable(name) && name !== '' ? name : null, serial };
}

function looksLikeText(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && bytes[0] !== 0x00;
}

/** The first EDID hex block of a linuxhw/EDID report (`edid-decode (hex):` or `EDID (hex):`), or a bare hex dump. */
export function hexFromText(text: string): Uint8Array | null {
  const marker = /(?:edid-decode \(hex\)|EDID \(hex\)):\s*\n/i.exec(text);
  const body = marker === null ? text : text.slice(marker.index + marker[0].length);
  const hex: string[] = [];
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (hex.length > 0) break;
      continue;
    }
    if (!/^[0-9a-fA-F\s]+$/.test(trimmed)) break;
    hex.push(trimmed.replace(/\s+/g, ''));
  }
  const joined = hex.join('');
  if (joined.length < 256 || joined.length % 2 !== 0) return null;
  const bytes = new Uint8Array(joined.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(joined.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
