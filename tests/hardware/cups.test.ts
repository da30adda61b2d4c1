import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mergeCupsPrinters } from '../../electron/hardware/cups-devices';
import { parseCupsPrinters } from '../../electron/hardware/cups-printers';
import type { UsbCandidate } from '../../electron/hardware/usb-devices';
import { corpusFile } from './corpus-files';

/** Corpus usb/other-formats/cups-lpinfo-and-logs (`lpinfo -l -v` records), read by hand. */
const LPINFO: readonly (readonly [file: string, model: string, serial: string | null])[] = [
  ['brlaser_109_mfc-1810.txt', 'MFC-1810 series', 'E72367H3N375454'],
  ['brlaser_115_mfc-7320.txt', 'MFC-7320', '000M8N860527'],
  ['brlaser_121_hl-2240d.txt', 'HL-2240D series', 'G0J114943'],
  ['brlaser_167_hl-5170dn.txt', 'HL-5170DN series', 'D5J807428'],
  ['brlaser_190_hl-l2335d.txt', 'HL-L2335D series', 'E79562G0N714273'],
  ['brlaser_21_mfc-7240.txt', 'MFC-7240', 'U63314K3J514219'],
  ['brlaser_220_mfc-7440n.txt', 'MFC-7440N', '000H0N447149'],
  ['brlaser_22_hl-l2360dw.txt', 'HL-L2360D series', 'U63883G5N939629'],
  ['brlaser_234_hl-l2350dw.txt', 'HL-L2350DW series', 'U64964L0N917375'],
  ['brlaser_43_dcp-7060d.txt', 'DCP-7060D', 'U62711E3N517418'],
  // localized lpinfo ("Dispositivo:"); the poster masked the serial as xxxxxxxxx
  ['brlaser_57_mfc-l2750dw.txt', 'MFC-L2750DW series', null],
];

const usbPrinter = (serial: string | null, model = 'HL-L2350DW series'): UsbCandidate => ({
  kind: 'printer',
  vendorId: '04f9',
  productId: '0061',
  vendor: 'Brother',
  model,
  rawSerial: serial,
  serial,
});

describe('CUPS printers', () => {
  it.each(LPINFO)('%s', async (file, model, serial) => {
    const path = corpusFile(`usb/other-formats/cups-lpinfo-and-logs/${file}`);
    expect(path).not.toBeNull();
    const devices = mergeCupsPrinters([], await readFile(path ?? '', 'utf8'));
    expect(devices.map((d) => [d.scanned.kind, d.scanned.source, d.scanned.vendor, d.scanned.model, d.scanned.serial, d.scanned.identifiable])).toEqual([
      ['printer', 'cups', 'Brother', model, serial, serial !== null],
    ]);
  });

  it('reads lpstat -v lines, decodes the URI and keeps non-USB queues without a serial', () => {
    expect(parseCupsPrinters('device for HL2350: usb://Brother/HL-L2350DW%20series?serial=U64964L0N917375\ndevice for Office: ipp://10.0.0.5/ipp/print\n')).toEqual([
      { name: 'HL2350', uri: 'usb://Brother/HL-L2350DW%20series?serial=U64964L0N917375', make: 'Brother', model: 'HL-L2350DW series', serial: 'U64964L0N917375' },
      { name: 'Office', uri: 'ipp://10.0.0.5/ipp/print', make: null, model: null, serial: null },
    ]);
  });

  it('a USB printer seen by CUPS too is one device (same serial)', () => {
    const usb = [usbPrinter('U64964L0N917375')];
    expect(mergeCupsPrinters(usb, 'device for HL2350: usb://Brother/HL-L2350DW%20series?serial=U64964L0N917375\n')).toEqual([]);
    expect(usb[0]?.serial).toBe('U64964L0N917375');
  });

  it('a USB printer without iSerial borrows the serial CUPS read for the same model', () => {
    const usb = [usbPrinter(null)];
    expect(mergeCupsPrinters(usb, 'device for HL2350: usb://Brother/HL-L2350DW%20series?serial=U64964L0N917375\n')).toEqual([]);
    expect(usb[0]?.serial).toBe('U64964L0N917375');
  });

  it('a network queue stays a separate, unidentifiable printer', () => {
    const devices = mergeCupsPrinters([usbPrinter('U64964L0N917375')], 'device for Office: ipp://10.0.0.5/ipp/print\n');
    expect(devices.map((d) => [d.scanned.id, d.scanned.source, d.scanned.identifiable, d.scanned.reason])).toEqual([['cups-Office', 'cups', false, 'no-serial']]);
  });
});
