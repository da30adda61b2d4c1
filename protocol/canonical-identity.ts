import type { DeviceIdentity, DeviceKind } from './device-identity';
import { isJunkCanonicalSerial, isJunkUuid } from './junk-identifiers';
import { PNP_NAMES, VENDOR_FORM_WORDS, VENDOR_KEY_ALIASES } from './vendor-names';

/*
 * API.md "Identifiers are canonicalised before any rule or comparison": the one place where the
 * desktop app, the host and the manifest import turn what a device says into what is compared,
 * so a look-alike (full-width, zero-width, soft hyphen, Cyrillic) can never make one device two.
 */

const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** Upper-casing per character that keeps the length (`ß` stays `ß`, `ŉ` stays `ŉ`), as API.md asks. */
export function foldCase(text: string): string {
  let folded = '';
  for (const character of text) {
    const upper = character.toUpperCase();
    folded += upper.length === character.length ? upper : character;
  }
  return folded;
}

/** Vendor and model text: NFKC, format characters (Unicode Cf) removed, spaces trimmed and single. */
export function canonicalText(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARACTERS, '').replace(/\s+/gu, ' ').trim();
}

/** Serial text: NFKC, trimmed, runs of inner spaces made one (format characters stay, so they make it junk). */
export function canonicalSerialText(serial: string): string {
  return serial.normalize('NFKC').replace(/ {2,}/g, ' ').trim();
}

/** Which devices may keep a short serial: a monitor compared within its model by EDID product code. */
export interface SerialContext {
  kind: DeviceKind;
  edidProductCode?: string | null | undefined;
}

/** The canonical serial, or null when absent or junk (never stored, never compared) — one rule set for every source. */
export function canonicalSerial(serial: string | null | undefined, context: SerialContext): string | null {
  if (serial === null || serial === undefined) return null;
  const canonical = canonicalSerialText(serial);
  const shortAllowed = context.kind === 'monitor' && typeof context.edidProductCode === 'string' && context.edidProductCode !== '';
  return isJunkCanonicalSerial(canonical, { shortAllowed }) ? null : canonical;
}

/**
 * The key a serial is compared on: upper case; for a monitor with a product code, the code is
 * folded in (after U+001F, which no canonical serial holds) so two models' short numbers never meet.
 */
export function serialKeyOf(serial: string, context: SerialContext): string {
  const upper = serial.toUpperCase();
  const code = context.kind === 'monitor' ? context.edidProductCode : null;
  return typeof code === 'string' && code !== '' ? `${code.toUpperCase()}\u001f${upper}` : upper;
}

/**
 * The vendor key: canonical text, case folded, split on anything but letters and digits, legal
 * forms dropped from the end (`Lenovo Group Limited` → `LENOVO`), joined, then known aliases
 * (`HEWLETTPACKARD` → `HP`) and, for monitors, EDID PNP ids (`DEL` → `DELL`).
 */
export function vendorKeyOf(vendor: string, kind: DeviceKind): string {
  const folded = foldCase(canonicalText(vendor));
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  // A vendor of punctuation only ("---") still has a key: itself without spaces.
  if (words.length === 0) return folded.replace(/ /g, '');
  while (words.length > 1 && VENDOR_FORM_WORDS.has(words[words.length - 1] ?? '')) words.pop();
  const compact = words.join('');
  const pnp = kind === 'monitor' ? PNP_NAMES[compact] : undefined;
  const named = pnp === undefined ? compact : vendorKeyOf(pnp, 'other');
  return VENDOR_KEY_ALIASES[named] ?? named;
}

/** The canonical hardware UUID (lower case), or null when it is junk or the device is not a PC. */
export function canonicalUuid(uuid: string | null | undefined, kind: DeviceKind): string | null {
  if (kind !== 'pc' || uuid === null || uuid === undefined) return null;
  const canonical = uuid.normalize('NFKC').trim().toLowerCase();
  return isJunkUuid(canonical) ? null : canonical;
}

/** A device as compared and stored: canonical display text, keys, and junk identifiers dropped (null). */
export interface CanonicalIdentity {
  kind: DeviceKind;
  vendor: string;
  vendorKey: string;
  model: string;
  serial: string | null;
  serialKey: string | null;
  hardwareUuid: string | null;
  edidProductCode: string | null;
  usbVendorId: string | null;
  usbProductId: string | null;
  installationId: string | null;
  source: DeviceIdentity['source'];
}

/** Canonicalises a whole DeviceIdentity; the caller decides what a device left with no identifier means. */
export function canonicalIdentity(device: DeviceIdentity): CanonicalIdentity {
  const edidProductCode = device.kind === 'monitor' && device.edidProductCode !== undefined ? device.edidProductCode.toUpperCase() : null;
  const context = { kind: device.kind, edidProductCode };
  const serial = canonicalSerial(device.serial, context);
  return {
    kind: device.kind,
    vendor: canonicalText(device.vendor),
    vendorKey: vendorKeyOf(device.vendor, device.kind),
    model: canonicalText(device.model ?? ''),
    serial,
    serialKey: serial === null ? null : serialKeyOf(serial, context),
    hardwareUuid: canonicalUuid(device.hardwareUuid, device.kind),
    edidProductCode,
    usbVendorId: device.usbVendorId?.toLowerCase() ?? null,
    usbProductId: device.usbProductId?.toLowerCase() ?? null,
    installationId: device.installationId?.toLowerCase() ?? null,
    source: device.source,
  };
}
