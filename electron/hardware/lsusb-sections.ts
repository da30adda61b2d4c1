/** What one `lsusb -v` device section says about identity: ids, classes, strings. */
export interface LsusbSection {
  vendorId: string | null;
  productId: string | null;
  deviceClass: number | null;
  interfaceClasses: number[];
  manufacturer: string;
  product: string;
  /** The iSerial string as printed ('' when the index is 0 or the line is missing). */
  serial: string;
}

function hex4(value: string | undefined): string | null {
  return value === undefined ? null : value.toLowerCase().padStart(4, '0');
}

/** The string after an `iXxx   N ` index, exactly as lsusb printed it (internal spaces kept). */
function indexedString(section: string, field: string): string {
  const match = new RegExp(`^\\s*${field}\\s+\\d+(?: (.*))?$`, 'm').exec(section);
  return (match?.[1] ?? '').replace(/\s+$/, '');
}

/**
 * Splits whole `lsusb -v` output into device sections exactly as systeminformation does (on a blank
 * line followed by `Bus `), so section N here is entry N of its `usb()`; systeminformation keeps
 * only the first interface class, while the kind needs the device class and every interface class.
 */
export function parseLsusbSections(output: string): LsusbSection[] {
  const parts = `\n\n${output.replace(/\r\n?/g, '\n')}`.split('\n\nBus ');
  return parts.slice(1).map((body) => parseSection(`Bus ${body}`));
}

/** Parses one device section (also a partial one, e.g. an excerpt that starts at idVendor). */
export function parseSection(section: string): LsusbSection {
  const header = /^Bus \d+ Device \d+: ID ([0-9a-fA-F]{4}):([0-9a-fA-F]{4})/m.exec(section);
  const vendor = /^\s*idVendor\s+0x([0-9a-fA-F]{1,4})/m.exec(section);
  const product = /^\s*idProduct\s+0x([0-9a-fA-F]{1,4})/m.exec(section);
  const deviceClass = /^\s*bDeviceClass\s+(\d+)/m.exec(section);
  const interfaceClasses = [...section.matchAll(/^\s*bInterfaceClass\s+(\d+)/gm)].map((match) => Number(match[1]));
  return {
    vendorId: hex4(vendor?.[1] ?? header?.[1]),
    productId: hex4(product?.[1] ?? header?.[2]),
    deviceClass: deviceClass?.[1] === undefined ? null : Number(deviceClass[1]),
    interfaceClasses: [...new Set(interfaceClasses)],
    manufacturer: indexedString(section, 'iManufacturer'),
    product: indexedString(section, 'iProduct'),
    serial: indexedString(section, 'iSerial'),
  };
}
