import { canonicalSerial } from '../../protocol/canonical-identity';
import { parseCupsPrinters } from './cups-printers';
import { deviceId, identityOf, modelText, vendorText, type FoundDevice } from './found-device';
import type { UsbCandidate } from './usb-devices';

const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
const words = (value: string): string => value.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * CUPS queues merged into the USB printers they drive: a USB printer seen by both is one device
 * (matched on serial, or on make and model when one side has no serial, which then borrows the
 * other's). Queues left over (network printers, unplugged ones) become devices of their own.
 */
export function mergeCupsPrinters(usb: UsbCandidate[], cupsOutput: string | null): FoundDevice[] {
  if (cupsOutput === null) return [];
  const leftovers: FoundDevice[] = [];
  const usbPrinters = usb.filter((candidate) => candidate.kind === 'printer');
  for (const printer of parseCupsPrinters(cupsOutput)) {
    const serial = canonicalSerial(printer.serial, { kind: 'printer' });
    const isUsb = printer.uri.startsWith('usb://');
    let match = isUsb ? usbPrinters.find((candidate) => same(candidate.serial, serial)) : undefined;
    if (match === undefined && isUsb && printer.model !== null) {
      const model = words(printer.model);
      const byModel = usbPrinters.filter((candidate) => (candidate.serial === null || serial === null) && model !== '' && words(candidate.model).includes(model.replace(/ series$/, '')));
      if (byModel.length === 1) match = byModel[0];
    }
    if (match !== undefined) {
      if (match.serial === null && serial !== null) match.serial = serial;
      continue;
    }
    const vendor = vendorText(printer.make, printer.name);
    const model = modelText(printer.model ?? printer.name);
    const reason = serial !== null ? undefined : printer.serial !== null ? ('junk-serial' as const) : ('no-serial' as const);
    const scanned = {
      id: deviceId('cups', printer.name),
      kind: 'printer' as const,
      source: 'cups' as const,
      vendor,
      model,
      displayName: printer.name,
      serial,
      identifiable: serial !== null,
      ...(reason === undefined ? {} : { reason }),
    };
    leftovers.push({ scanned, identity: scanned.identifiable ? identityOf(scanned) : null });
  }
  return leftovers;
}
