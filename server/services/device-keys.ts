import { isJunkSerialFrom, isJunkUuid, normaliseSerial, normaliseUuid, normaliseVendor, type DeviceIdentity, type FieldError } from '../../protocol';
import { ApiError } from '../http/api-error';
import { validationFailed } from '../http/validation';

/** A device after junk identifiers are dropped, with the normalised keys the unique indexes use. */
export interface IdentifiedDevice {
  kind: DeviceIdentity['kind'];
  vendor: string;
  vendorKey: string;
  model: string;
  serial: string | null;
  serialKey: string | null;
  hardwareUuid: string | null;
  usbVendorId: string | null;
  usbProductId: string | null;
  installationId: string | null;
  source: DeviceIdentity['source'];
}

/**
 * Drops junk serials and UUIDs (never stored, never compared) and refuses a device left with
 * neither a serial nor, for a PC, a hardware UUID: 422 DEVICE_NOT_IDENTIFIABLE naming the fields.
 */
export function identifyDevice(device: DeviceIdentity, prefix = 'device'): IdentifiedDevice {
  const vendorKey = normaliseVendor(device.vendor);
  if (vendorKey === '') throw validationFailed([{ path: `${prefix}.vendor`, message: 'required' }]);
  const rawSerial = device.serial ?? null;
  const serial = rawSerial !== null && !isJunkSerialFrom(device.source, rawSerial) ? rawSerial.trim() : null;
  const rawUuid = device.hardwareUuid ?? null;
  const hardwareUuid = device.kind === 'pc' && rawUuid !== null && !isJunkUuid(rawUuid) ? normaliseUuid(rawUuid) : null;
  if (serial === null && hardwareUuid === null) {
    const fields: FieldError[] = [{ path: `${prefix}.serial`, message: rawSerial === null ? 'no serial number' : 'the serial number is a placeholder' }];
    if (device.kind === 'pc') {
      fields.push({ path: `${prefix}.hardwareUuid`, message: rawUuid === null ? 'no hardware UUID' : 'the hardware UUID is a placeholder or malformed' });
    }
    throw new ApiError('DEVICE_NOT_IDENTIFIABLE', 'the device has no trustworthy identifier', { fields });
  }
  return {
    kind: device.kind,
    vendor: device.vendor.trim(),
    vendorKey,
    model: (device.model ?? '').trim(),
    serial,
    serialKey: serial === null ? null : normaliseSerial(serial),
    hardwareUuid,
    usbVendorId: device.usbVendorId?.toLowerCase() ?? null,
    usbProductId: device.usbProductId?.toLowerCase() ?? null,
    installationId: device.installationId?.toLowerCase() ?? null,
    source: device.source,
  };
}

/** The keys a device is known by, as strings for the lookup counter (hashed before storing). */
export function deviceKeyStrings(device: IdentifiedDevice): string[] {
  const keys: string[] = [];
  if (device.hardwareUuid !== null) keys.push(`uuid\u0000${device.hardwareUuid}`);
  if (device.serialKey !== null) keys.push(`serial\u0000${device.kind}\u0000${device.vendorKey}\u0000${device.serialKey}`);
  return keys;
}
