import type { DeviceKind } from '../../protocol';

/** USB base classes (usb.org "Defined Class Codes") that decide a registrable kind, strongest first. */
const CLASS_KINDS: readonly (readonly [readonly number[], DeviceKind])[] = [
  [[0x07], 'printer'],
  [[0x06], 'scanner'],
  [[0x02, 0x0a], 'modem'],
  [[0x0e], 'camera'],
  [[0x08], 'storage'],
  [[0x01], 'audio'],
  [[0x03], 'input'],
];

export const USB_CLASS_HUB = 0x09;
/** Linux root hubs (host controllers) all carry the Linux Foundation vendor id. */
export const USB_VENDOR_LINUX_FOUNDATION = '1d6b';

/** A power supply speaks HID (the Power Device usage page) but is no keyboard or mouse: APC Back-UPS, Eaton, CyberPower. */
const POWER_DEVICE_NAMES = /\b(?:ups|uninterruptible|back-?ups|smart-?ups)\b/i;

/**
 * The kind of a USB device from its device class and interface classes, or null for hubs and host
 * controllers (never offered). A multifunction printer also exposing storage or scanning is a printer.
 */
export function usbKind(deviceClass: number | null, interfaceClasses: readonly number[], vendorId: string | null, names = ''): DeviceKind | null {
  if (vendorId === USB_VENDOR_LINUX_FOUNDATION) return null;
  if (deviceClass === USB_CLASS_HUB) return null;
  const classes = new Set([...(deviceClass === null ? [] : [deviceClass]), ...interfaceClasses]);
  if (classes.size > 0 && [...classes].every((value) => value === USB_CLASS_HUB || value === 0)) {
    if (classes.has(USB_CLASS_HUB)) return null;
  }
  for (const [codes, kind] of CLASS_KINDS) {
    if (!codes.some((code) => classes.has(code))) continue;
    return kind === 'input' && POWER_DEVICE_NAMES.test(names) ? 'other' : kind;
  }
  return 'other';
}
