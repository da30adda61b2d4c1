import { canonicalText } from '../../protocol/canonical-identity';
import type { DeviceIdentity, ScannedDevice } from '../../protocol';

/** A device as one scan found it: what the wizard is shown, and what would be sent for it. */
export interface FoundDevice {
  scanned: ScannedDevice;
  /** API.md DeviceIdentity, present only when the device is identifiable. */
  identity: DeviceIdentity | null;
}

/**
 * The API.md DeviceIdentity a scan entry stands for (what would be sent for it), fields in API.md
 * order; only the PC has an installation id to add.
 */
export function identityOf(scanned: ScannedDevice, installationId: string | null = null): DeviceIdentity {
  return {
    kind: scanned.kind,
    vendor: canonicalText(scanned.vendor),
    model: canonicalText(scanned.model),
    serial: scanned.serial,
    ...(scanned.hardwareUuid === undefined ? {} : { hardwareUuid: scanned.hardwareUuid }),
    ...(scanned.usbVendorId === undefined ? {} : { usbVendorId: scanned.usbVendorId }),
    ...(scanned.usbProductId === undefined ? {} : { usbProductId: scanned.usbProductId }),
    ...(scanned.edidProductCode === undefined ? {} : { edidProductCode: scanned.edidProductCode }),
    ...(installationId === null ? {} : { installationId }),
    source: scanned.source,
  };
}

/** Vendor text the host accepts (1–100 characters); a device that names no vendor still has to be called something. */
export function vendorText(...candidates: (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    const trimmed = candidate?.trim();
    if (trimmed) return trimmed.slice(0, 100);
  }
  return 'Unknown';
}

/** What the wizard calls a device: the model, prefixed with the vendor unless the model already starts with it. */
export function vendorAndModel(vendor: string, model: string): string {
  if (model === '') return vendor;
  return model.toLowerCase().startsWith(vendor.toLowerCase()) ? model : `${vendor} ${model}`;
}

/** Model text within the host's 100 characters. */
export function modelText(value: string | null | undefined): string {
  return (value ?? '').trim().slice(0, 100);
}

/** Ids the renderer may send back: stable for the session, safe characters only, at most 128. */
export function deviceId(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 128);
}

/** The host stores serials of at most 64 characters (API.md); a longer one cannot be registered as read. */
export const MAX_SERIAL_LENGTH = 64;
