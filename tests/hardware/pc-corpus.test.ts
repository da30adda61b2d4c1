import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scannedDeviceSchema } from '../../protocol';
import { readDevices } from '../../electron/hardware';
import { pcDevice } from '../../electron/hardware/pc-device';
import { corpusFile, inPool, replayFolder } from './corpus-files';
import { firmwareFromDmidecode, firmwareOnlyMachine } from './dmi-firmware';
import { PC_EXPECTATIONS, type PcExpectation } from './pc-expectations';

const IN_REPO = (file: string): boolean => corpusFile(file)?.includes('/tests/fixtures/corpus/') ?? false;
const available = PC_EXPECTATIONS.filter(([file]) => corpusFile(file) !== null);
// Every in-repo machine outside linuxhw (unmasked serials) and every third linuxhw one (vendor
// families, VMs, placeholder names) through the real systeminformation; all through the rules.
const linuxhw = available.filter(([file]) => IN_REPO(file) && file.includes('/linuxhw-DMI/'));
const replayed = [...available.filter(([file]) => IN_REPO(file) && !file.includes('/linuxhw-DMI/')), ...linuxhw.filter((_, index) => index % 3 === 0)];

interface PcSeen {
  vendor: string;
  serial: string | null;
  hardwareUuid?: string | undefined;
  identifiable: boolean;
  reason?: string | undefined;
}

/** The differences from the table, as readable rows (an empty list is a pass). */
function mismatches(rows: readonly { row: PcExpectation; pc: PcSeen | undefined }[]): string[] {
  const problems: string[] = [];
  for (const { row, pc } of rows) {
    const [file, vendor, serial, uuid] = row;
    const seen = { vendor: pc?.vendor, serial: pc?.serial, uuid: pc?.hardwareUuid ?? null };
    if (JSON.stringify(seen) !== JSON.stringify({ vendor, serial, uuid })) problems.push(`${file}: got ${JSON.stringify(seen)} want ${JSON.stringify({ vendor, serial, uuid })}`);
    if (pc !== undefined && pc.identifiable !== (serial !== null || uuid !== null)) problems.push(`${file}: identifiable ${pc.identifiable}`);
    if (pc !== undefined && !pc.identifiable && pc.reason !== 'junk-serial' && pc.reason !== 'no-serial') problems.push(`${file}: reason ${String(pc.reason)}`);
  }
  return problems;
}

describe('PC identity of every corpus machine', () => {
  it('has the corpus (in-repo copies at least)', () => {
    expect(replayed.length).toBeGreaterThan(90);
    // dmidecode 2.x layout ("Handle 0x0100" alone, "DMI type 1, 25 bytes." below) goes through the full replay too
    expect(replayed.filter((row) => row[4] === true).length).toBeGreaterThanOrEqual(10);
  });

  it(`full replay through the real systeminformation (${replayed.length} machines)`, async () => {
    const results = await inPool(replayed, 4, async (row) => {
      const folder = await replayFolder({ dmidecode: corpusFile(row[0]) ?? '' });
      try {
        const { devices } = await readDevices({ replayDir: folder.dir });
        return { row, pc: devices[0]?.scanned };
      } finally {
        await folder.remove();
      }
    });
    for (const { pc } of results) expect(scannedDeviceSchema.parse(pc).kind).toBe('pc');
    expect(mismatches(results)).toEqual([]);
  });

  it(`rules applied to the parsed records (${available.length} machines, including those only in ../shared)`, async () => {
    const results = await Promise.all(
      available.map(async (row) => {
        const text = await readFile(corpusFile(row[0]) ?? '', 'utf8');
        return { row, pc: pcDevice(firmwareOnlyMachine(firmwareFromDmidecode(text))).scanned };
      }),
    );
    expect(mismatches(results)).toEqual([]);
  });

  it('covers old layouts, virtual machines and placeholder boards', () => {
    const files = available.map(([file]) => file).join('\n');
    expect(available.filter((row) => row[4] === true).length).toBeGreaterThan(20);
    for (const vm of ['vmware', 'hyperV', 'kvm', 'qemu', 'xen', 'rhel-3.9' /* VirtualBox */, 'Bochs', 'Red-Hat', 'Nutanix']) expect(files).toContain(vm);
    for (const placeholder of ['jetway-port' /* To be filled by O.E.M. */, 'windows-7.2' /* System Serial Number */, 'MrArtemSid_coreboot_p61' /* zero UUID */]) expect(files).toContain(placeholder);
  });
});
