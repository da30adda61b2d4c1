import type { DeviceKind } from '../../protocol';
import { canonicalSerial } from '../../protocol/canonical-identity';
import { isJunkVendorOrModel } from '../../protocol/junk-identifiers';
import { MAX_SERIAL_LENGTH, deviceId, identityOf, modelText, vendorAndModel, vendorText, type FoundDevice } from './found-device';
import { parseLsusbSections, type LsusbSection } from './lsusb-sections';
import type { RawUsbDevice } from './raw-machine';
import { usbKind } from './usb-kind';
import { parseWindowsUsbDeviceId } from './windows-usb';

/** One USB device with everything the identity needs, whichever platform shape it came from. */
export interface UsbCandidate {
  kind: DeviceKind;
  vendorId: string | null;
  productId: string | null;
  vendor: string;
  model: string;
  rawSerial: string | null;
  serial: string | null;
}

/** Kind from a Windows `usb()` type (Windows gives no USB class; its device class names it). */
function windowsKind(type: string, name: string): DeviceKind | null {
  const text = `${type} ${name}`.toLowerCase();
  if (/hub|host controller|root/.test(text)) return null;
  if (/print/.test(text)) return 'printer';
  if (/scan|imag/.test(text)) return 'scanner';
  if (/modem|\bcdc\b|communication/.test(text)) return 'modem';
  if (/camera|webcam/.test(text)) return 'camera';
  if (/stor|disk/.test(text)) return 'storage';
  if (/audio|sound|micro|headset/.test(text)) return 'audio';
  if (/\bups\b|uninterruptible/.test(text)) return 'other';
  if (/keyboard|mouse|hid|input|pointing/.test(text)) return 'input';
  return 'other';
}

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed && !isJunkVendorOrModel(trimmed) ? trimmed : null;
};

/**
 * Joins systeminformation's `usb()` (names, serial) with the classes read from the same `lsusb -v`
 * text (section N is entry N), and reads Windows-shaped entries (serial inside `deviceId`).
 */
export function usbCandidates(usb: readonly RawUsbDevice[], lsusbVerbose: string | null): UsbCandidate[] {
  const sections = lsusbVerbose === null ? [] : parseLsusbSections(lsusbVerbose);
  const result: UsbCandidate[] = [];
  usb.forEach((entry, index) => {
    const section: LsusbSection | undefined = sections[index];
    const windowsId = typeof entry.deviceId === 'string' && /^USB\\/i.test(entry.deviceId) ? parseWindowsUsbDeviceId(entry.deviceId) : null;
    const siIds = typeof entry.id === 'string' ? /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(entry.id) : null;
    const vendorId = section?.vendorId ?? windowsId?.vendorId ?? siIds?.[1]?.toLowerCase() ?? null;
    const productId = section?.productId ?? windowsId?.productId ?? siIds?.[2]?.toLowerCase() ?? null;
    const kind = section !== undefined ? usbKind(section.deviceClass, section.interfaceClasses, vendorId, `${section.manufacturer} ${section.product} ${entry.name ?? ''}`) : windowsKind(entry.type, entry.name);
    if (kind === null) return;
    const rawSerial = entry.serialNumber ?? (windowsId !== null && typeof entry.deviceId === 'string' ? entry.deviceId.split('\\').slice(2).join('\\') : null);
    const serialSource = entry.serialNumber ?? windowsId?.serial ?? null;
    const canonical = canonicalSerial(serialSource, { kind });
    const serial = canonical !== null && canonical.length <= MAX_SERIAL_LENGTH ? canonical : null;
    const vendor = vendorText(clean(entry.manufacturer), clean(entry.vendor), clean(section?.manufacturer), vendorId === null ? null : `USB ${vendorId}`);
    const model = modelText(clean(entry.name) ?? clean(section?.product) ?? (productId === null ? '' : `Product ${productId}`));
    result.push({ kind, vendorId, productId, vendor, model, rawSerial: rawSerial === '' ? null : rawSerial, serial });
  });
  return result;
}

/** USB devices as scan entries; ids are vid-pid-serial, or vid-pid-#n in bus order when there is no serial. */
export function usbDevices(candidates: readonly UsbCandidate[]): FoundDevice[] {
  const seen = new Map<string, number>();
  return candidates.map((candidate) => {
    const vid = candidate.vendorId ?? '0000';
    const pid = candidate.productId ?? '0000';
    const base = `${vid}-${pid}`;
    const ordinal = (seen.get(base) ?? 0) + 1;
    seen.set(base, ordinal);
    const id = deviceId('usb', base, candidate.serial ?? `n${ordinal}`);
    const identifiable = candidate.serial !== null;
    const reason = identifiable ? undefined : candidate.rawSerial !== null && candidate.rawSerial.trim() !== '' ? ('junk-serial' as const) : ('no-serial' as const);
    const scanned = {
      id,
      kind: candidate.kind,
      source: 'usb' as const,
      vendor: candidate.vendor,
      model: candidate.model,
      displayName: vendorAndModel(candidate.vendor, candidate.model),
      serial: candidate.serial,
      ...(candidate.vendorId === null ? {} : { usbVendorId: candidate.vendorId }),
      ...(candidate.productId === null ? {} : { usbProductId: candidate.productId }),
      identifiable,
      ...(reason === undefined ? {} : { reason }),
    };
    return { scanned, identity: identifiable ? identityOf(scanned) : null };
  });
}
