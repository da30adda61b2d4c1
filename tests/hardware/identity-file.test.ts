import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_FILE, configuredIdentityFile, formatIdentityFile, readDevices, readIdentityFile } from '../../electron/hardware';
import { pcDevice } from '../../electron/hardware/pc-device';
import { corpusFile, replayFolder } from './corpus-files';
import { firmwareFromDmidecode, firmwareOnlyMachine } from './dmi-firmware';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fbr-identity-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const EMPTY_FIRMWARE = firmwareFromDmidecode('');

describe('root-written identity file', () => {
  it('path comes from FBR_IDENTITY_FILE, else the default', () => {
    expect(configuredIdentityFile({})).toBe(DEFAULT_IDENTITY_FILE);
    expect(configuredIdentityFile({ FBR_IDENTITY_FILE: '/etc/fbr/id.json' })).toBe('/etc/fbr/id.json');
  });

  it('what the installer writes is what the wizard reads', async () => {
    const file = path.join(dir, 'round-trip.json');
    const values = { systemSerial: 'JR1SJQ1', systemUuid: '4c4c4544-0052-3110-8053-cac04f4a5131', baseboardSerial: '..CN7016315P0CEY.', chassisSerial: null };
    await writeFile(file, formatIdentityFile(values, new Date('2026-11-26T06:00:00Z')));
    expect(await readIdentityFile(file)).toEqual(values);
  });

  it('a missing or malformed file reads as none, never as an error', async () => {
    expect(await readIdentityFile(path.join(dir, 'absent.json'))).toBeNull();
    await writeFile(path.join(dir, 'bad.json'), '{"format":"something-else","systemSerial":"X"}');
    expect(await readIdentityFile(path.join(dir, 'bad.json'))).toBeNull();
    await writeFile(path.join(dir, 'not-json.json'), 'serial=JR1SJQ1');
    expect(await readIdentityFile(path.join(dir, 'not-json.json'))).toBeNull();
  });

  it('comes before systeminformation, and a junk value in it does not overwrite a good one', () => {
    const machine = (identity: Parameters<typeof firmwareOnlyMachine>[1]) => pcDevice(firmwareOnlyMachine(EMPTY_FIRMWARE, identity)).scanned;
    const fromFile = machine({ identityFile: { systemSerial: ' JR1SJQ1 ', systemUuid: '4C4C4544-0052-3110-8053-CAC04F4A5131', baseboardSerial: null, chassisSerial: null } });
    expect(fromFile).toMatchObject({ serial: 'JR1SJQ1', hardwareUuid: '4c4c4544-0052-3110-8053-cac04f4a5131', identifiable: true });
    const junkInFile = pcDevice(
      firmwareOnlyMachine(
        { ...EMPTY_FIRMWARE, system: { ...EMPTY_FIRMWARE.system, serial: 'PG01TCJ4' } },
        { identityFile: { systemSerial: 'To Be Filled By O.E.M.', systemUuid: '03000200-0400-0500-0006-000700080009', baseboardSerial: null, chassisSerial: null } },
      ),
    ).scanned;
    expect(junkInFile).toMatchObject({ serial: 'PG01TCJ4', identifiable: true });
    expect(junkInFile.hardwareUuid).toBeUndefined();
  });

  it('when the DMI serial could not be read for lack of permission, the result says so', () => {
    const denied = pcDevice(firmwareOnlyMachine(EMPTY_FIRMWARE, { dmiPermissionDenied: true })).scanned;
    expect(denied).toMatchObject({ kind: 'pc', serial: null, identifiable: false, reason: 'permission-denied' });
    const none = pcDevice(firmwareOnlyMachine(EMPTY_FIRMWARE)).scanned;
    expect(none.reason).toBe('no-serial');
  });

  it('a replay folder may carry identity.json (the file the installer would have written)', async () => {
    const folder = await replayFolder({ dmidecode: corpusFile('dmi/misc-github/cboettig_sandbox_dmidecode.txt.txt') ?? '' });
    try {
      await writeFile(path.join(folder.dir, 'identity.json'), formatIdentityFile({ systemSerial: 'MXL1234ABC', systemUuid: null, baseboardSerial: null, chassisSerial: null }));
      const { devices } = await readDevices({ replayDir: folder.dir });
      expect(devices[0]?.scanned).toMatchObject({ serial: 'MXL1234ABC', identifiable: true });
      expect(devices[0]?.scanned.hardwareUuid).toBeUndefined();
    } finally {
      await folder.remove();
    }
  });
});
