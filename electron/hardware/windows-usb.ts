import { canonicalSerial } from '../../protocol/canonical-identity';

/** Ids and serial read from a Windows device instance id such as `USB\VID_04F9&PID_0062\E73195G5N239458`. */
export interface WindowsUsbIds {
  vendorId: string | null;
  productId: string | null;
  serial: string | null;
}

/**
 * On Windows systeminformation's `usb()` leaves `serialNumber` null; the serial is the last part of
 * the device instance id, unless Windows made it up (`5&2b2a3c8&0&1` contains `&`) or it is junk.
 */
export function parseWindowsUsbDeviceId(deviceId: string): WindowsUsbIds {
  const parts = deviceId.trim().split('\\');
  const ids = /VID_([0-9A-Fa-f]{4})&PID_([0-9A-Fa-f]{4})/.exec(parts[1] ?? '');
  const instance = parts.length >= 3 ? parts.slice(2).join('\\') : '';
  return {
    vendorId: ids?.[1]?.toLowerCase() ?? null,
    productId: ids?.[2]?.toLowerCase() ?? null,
    serial: canonicalSerial(instance, { kind: 'other' }),
  };
}
