import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceIdentitySchema, scanResultSchema } from '../../protocol';
import { createDeviceScanner } from '../../electron/hardware';

const OFFICE_PC = path.resolve(__dirname, '../fixtures/replay/office-pc');

describe('office-pc replay (the wizard e2e fixture)', () => {
  it('lsusb.txt is exactly the documented parts joined', async () => {
    const names = (await readdir(path.join(OFFICE_PC, 'lsusb-parts'))).sort();
    const parts = await Promise.all(names.map((name) => readFile(path.join(OFFICE_PC, 'lsusb-parts', name), 'utf8')));
    const joined = parts.map((part) => `${part.replace(/^\n+|\n+$/g, '')}\n\n`).join('');
    expect(await readFile(path.join(OFFICE_PC, 'lsusb.txt'), 'utf8')).toBe(joined);
  });

  it('finds the PC, printer (once), scanner, modem and monitor with the serials in the files', async () => {
    const scanner = createDeviceScanner({ replayDir: OFFICE_PC });
    const result = scanResultSchema.parse(await scanner.scan());
    const summary = result.devices.map((d) => [d.kind, d.source, d.serial, d.identifiable]);
    expect(summary).toEqual([
      ['pc', 'firmware', 'JR1SJQ1', true],
      ['storage', 'usb', null, false],
      ['input', 'usb', null, false],
      ['storage', 'usb', null, false],
      ['printer', 'usb', '0441BFZ2', true],
      ['scanner', 'usb', 'X6NQ004517', true],
      ['modem', 'usb', 'd6da37e3', true],
      ['monitor', 'edid', '7MT019AI34EU', true],
    ]);
    const pc = result.devices[0];
    expect(pc?.hardwareUuid).toBe('4c4c4544-0052-3110-8053-cac04f4a5131');
    expect(pc?.vendor).toBe('Dell Inc.');
    expect(result.devices.filter((d) => d.kind === 'printer')).toHaveLength(1);
    expect(result.devices.some((d) => d.usbVendorId === '1d6b' || d.usbVendorId === '8087')).toBe(false);
    expect(result.devices.find((d) => d.kind === 'printer')).toMatchObject({ usbVendorId: '04a9', usbProductId: '262b', vendor: 'Canon' });
    expect(result.devices.find((d) => d.kind === 'monitor')).toMatchObject({ vendor: 'DEL', model: 'DELL U2415' });
  });

  it('keeps ids across scans and re-reads identities by id', async () => {
    const scanner = createDeviceScanner({ replayDir: OFFICE_PC });
    const first = await scanner.scan();
    const second = await scanner.scan();
    expect(second.devices.map((d) => d.id)).toEqual(first.devices.map((d) => d.id));
    const pc = first.devices.find((d) => d.kind === 'pc');
    const identity = await scanner.readIdentity(pc?.id ?? '');
    expect(deviceIdentitySchema.parse(identity)).toEqual({
      kind: 'pc',
      vendor: 'Dell Inc.',
      model: 'Inspiron 620',
      serial: 'JR1SJQ1',
      hardwareUuid: '4c4c4544-0052-3110-8053-cac04f4a5131',
      // SHA-256 of "8f3d2c1b4a5e46f7a9b0c1d2e3f40516" (the fixture's machine-id), as node-machine-id hashes it
      installationId: '5042a59985415c508abf2d4b335255d0eb5273f39df460ab5979a138fdbae2ce',
      source: 'firmware',
    });
    const keyboard = first.devices.find((d) => d.kind === 'input');
    expect(await scanner.readIdentity(keyboard?.id ?? '')).toBeNull();
    expect(await scanner.readIdentity('no-such-device')).toBeNull();
  });
});
