import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDevices } from '../../electron/hardware';
import { parseLsusbSections, parseSection } from '../../electron/hardware/lsusb-sections';
import type { RawUsbDevice } from '../../electron/hardware/raw-machine';
import { usbCandidates } from '../../electron/hardware/usb-devices';
import { corpusFile, inPool, replayFolder } from './corpus-files';
import { USB_EXPECTATIONS } from './usb-expectations';

const OFFICE_DMI = path.resolve(__dirname, '../fixtures/replay/office-pc/dmidecode.txt');

const files = [...new Set(USB_EXPECTATIONS.map(([file]) => file))].filter((file) => corpusFile(file) !== null);
const expectedFor = (file: string): string[] =>
  USB_EXPECTATIONS.filter((row) => row[0] === file && row[3] !== null).map(([, vid, pid, kind, serial]) => JSON.stringify([vid, pid, kind, serial]));

/** What systeminformation's Linux usb() gives for a section, built from the section (no replay). */
function asSystemInformation(text: string): { usb: RawUsbDevice[]; verbose: string } {
  const sections = parseLsusbSections(text);
  const list = sections.length > 0 ? sections : [parseSection(text)];
  const usb = list.map((section) => ({
    id: `${section.vendorId ?? ''}:${section.productId ?? ''}`,
    deviceId: null,
    name: section.product,
    type: '',
    vendor: null,
    manufacturer: section.manufacturer,
    serialNumber: section.serial,
  }));
  return { usb, verbose: sections.length > 0 ? text : `Bus 000 Device 000: ID 0000:0000\n${text}` };
}

describe('USB devices of every corpus lsusb file', () => {
  it(`kind and serial per device section (${USB_EXPECTATIONS.length} sections in ${files.length} files)`, async () => {
    const problems: string[] = [];
    for (const file of files) {
      const text = await readFile(corpusFile(file) ?? '', 'utf8');
      const { usb, verbose } = asSystemInformation(text);
      const seen = usbCandidates(usb, verbose).map((c) => JSON.stringify([c.vendorId, c.productId, c.kind, c.serial]));
      if (JSON.stringify(seen) !== JSON.stringify(expectedFor(file))) problems.push(`${file}: got ${seen.join(' ')} want ${expectedFor(file).join(' ')}`);
    }
    expect(problems).toEqual([]);
  });

  // Whole-machine files and issue excerpts, plus every fourth mailing-list section, replayed in full.
  const inRepo = files.filter((file) => corpusFile(file)?.includes('/tests/fixtures/corpus/'));
  const replayable = [...inRepo.filter((file) => !file.includes('/mailing-lists/')), ...inRepo.filter((file) => file.includes('/mailing-lists/')).filter((_, index) => index % 4 === 0)];
  it(`full replay through the real systeminformation (${replayable.length} files)`, async () => {
    const problems = await inPool(replayable, 4, async (file) => {
      const text = await readFile(corpusFile(file) ?? '', 'utf8');
      if (!/^Bus \d+ Device \d+/m.test(text)) return null;
      const folder = await replayFolder({ dmidecode: OFFICE_DMI, lsusb: corpusFile(file) ?? '' });
      try {
        const { devices } = await readDevices({ replayDir: folder.dir });
        const seen = devices.filter((d) => d.scanned.source === 'usb').map(({ scanned: d }) => JSON.stringify([d.usbVendorId ?? null, d.usbProductId ?? null, d.kind, d.serial]));
        return JSON.stringify(seen) === JSON.stringify(expectedFor(file)) ? null : `${file}: got ${seen.join(' ')} want ${expectedFor(file).join(' ')}`;
      } finally {
        await folder.remove();
      }
    });
    expect(problems.filter((problem) => problem !== null)).toEqual([]);
  });

  it('covers printers, modems, cameras, audio, storage, input, hubs and masked serials', () => {
    const kinds = new Set(USB_EXPECTATIONS.map((row) => row[3]));
    for (const kind of ['printer', 'modem', 'camera', 'audio', 'storage', 'input', 'other', null]) expect(kinds).toContain(kind);
    expect(USB_EXPECTATIONS.filter((row) => row[3] === 'printer').length).toBeGreaterThanOrEqual(5);
  });
});
