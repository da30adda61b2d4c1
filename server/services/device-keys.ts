import { canonicalIdentity, type CanonicalIdentity, type DeviceIdentity, type FieldError } from '../../protocol';
import { ApiError } from '../http/api-error';
import { validationFailed } from '../http/validation';

/** A device after canonicalisation and with junk identifiers dropped, with the keys the unique indexes use. */
export type IdentifiedDevice = CanonicalIdentity;

/**
 * Canonicalises (protocol/canonical-identity.ts), drops junk serials and UUIDs (never stored, never
 * compared) and refuses a device left with neither a serial nor, for a PC, a hardware UUID:
 * 422 DEVICE_NOT_IDENTIFIABLE naming the fields.
 */
export function identifyDevice(device: DeviceIdentity, prefix = 'device'): IdentifiedDevice {
  const identified = canonicalIdentity(device);
  if (identified.vendorKey === '') throw validationFailed([{ path: `${prefix}.vendor`, message: 'required' }]);
  if (identified.serial === null && identified.hardwareUuid === null) {
    const rawSerial = device.serial ?? null;
    const rawUuid = device.hardwareUuid ?? null;
    const fields: FieldError[] = [{ path: `${prefix}.serial`, message: rawSerial === null ? 'no serial number' : 'the serial number is a placeholder' }];
    if (device.kind === 'pc') {
      fields.push({ path: `${prefix}.hardwareUuid`, message: rawUuid === null ? 'no hardware UUID' : 'the hardware UUID is a placeholder or malformed' });
    }
    throw new ApiError('DEVICE_NOT_IDENTIFIABLE', 'the device has no trustworthy identifier', { fields });
  }
  return identified;
}

/** The keys a device is known by, as strings for the lookup counter (hashed before storing). */
export function deviceKeyStrings(device: IdentifiedDevice): string[] {
  const keys: string[] = [];
  if (device.hardwareUuid !== null) keys.push(`uuid\u0000${device.hardwareUuid}`);
  if (device.serialKey !== null) keys.push(`serial\u0000${device.kind}\u0000${device.vendorKey}\u0000${device.serialKey}`);
  return keys;
}
