import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDeviceScanner, readDevices } from '../../electron/hardware';
import { corpusFile, replayFolder } from './corpus-files';

const run = promisify(execFile);
const FIXTURES = path.resolve(__dirname, '../fixtures/replay');
const OFFICE_PC = path.join(FIXTURES, 'office-pc');
const BUSY_DESK = path.join(FIXTURES, 'busy-desk');
const REPO = path.resolve(__dirname, '../..');

describe('replay isolation', () => {
  it('two replays running at once in one process never mix their data', async () => {
    const office = createDeviceScanner({ replayDir: OFFICE_PC });
    const desk = createDeviceScanner({ replayDir: BUSY_DESK });
    const pathBefore = process.env.PATH;
    const results = await Promise.all([office.scan(), desk.scan(), office.scan(), desk.scan()]);
    expect(results.map((r) => r.devices[0]?.serial)).toEqual(['JR1SJQ1', 'PG01TCJ4', 'JR1SJQ1', 'PG01TCJ4']);
    expect(results.map((r) => r.devices.filter((d) => d.source === 'usb').length)).toEqual([6, 12, 6, 12]);
    expect(process.env.PATH).toBe(pathBefore);
  });

  it('nothing of this machine answers: not its container, CPU, machine id or commands', async () => {
    // This build container has /.dockerenv, which makes systeminformation call any machine "Docker Container".
    const { devices } = await readDevices({ replayDir: OFFICE_PC });
    expect(devices[0]?.scanned.model).toBe('Inspiron 620');
    if (existsSync('/.dockerenv')) expect(devices[0]?.scanned.model).not.toBe('Docker Container');
    // A recording without machine-id, lsusb, EDID or lpstat has no installation id and no peripherals.
    const bare = await replayFolder({ dmidecode: corpusFile('dmi/misc-github/alterapraxisptyltd_jetway-port_dmidecode.log.txt') ?? '' });
    try {
      const result = await readDevices({ replayDir: bare.dir });
      expect(result.devices).toHaveLength(1);
      expect(result.devices[0]?.identity).toBeNull();
      expect(result.devices[0]?.scanned).toMatchObject({ kind: 'pc', serial: null, identifiable: false, reason: 'junk-serial' });
    } finally {
      await bare.remove();
    }
  });

  it('the Lenovo marketing name becomes the display name; an internal panel is listed but not offered', async () => {
    const { devices } = await readDevices({ replayDir: BUSY_DESK });
    expect(devices[0]?.scanned).toMatchObject({ vendor: 'LENOVO', model: '20Q5S0M600', displayName: 'LENOVO ThinkPad L490', serial: 'PG01TCJ4', hardwareUuid: '8dd060cc-26f9-11b2-a85c-f3a05d5236c9' });
    expect(devices.filter((d) => d.scanned.kind === 'monitor').map((d) => [d.scanned.vendor, d.scanned.serial, d.scanned.reason ?? null])).toEqual([
      ['DEL', '7MT019AI34EU', null],
      ['ACR', 'TJYEE0068521', null],
      ['TOS', null, 'internal-panel'],
    ]);
    expect(devices.filter((d) => d.scanned.kind === 'printer').map((d) => d.scanned.source)).toEqual(['usb', 'cups']);
    // The APC UPS speaks HID but is no input device.
    const ups = devices.find((d) => d.scanned.model === 'Uninterruptible Power Supply');
    expect(ups?.scanned.kind).toBe('other');
    expect(devices.filter((d) => d.scanned.kind === 'input').map((d) => d.scanned.model)).toEqual(['KB212-B Quiet Key Keyboard']);
  });

  it('a folder without dmidecode.txt is refused with a clear error', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'fbr-empty-'));
    try {
      await expect(readDevices({ replayDir: empty })).rejects.toThrow(/dmidecode\.txt/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('npm run identify', () => {
  it('prints only the JSON { devices } for a replay folder', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/identify.ts', '--replay', OFFICE_PC], { cwd: REPO });
    const parsed = JSON.parse(stdout) as { devices: { kind: string; serial: string | null; installationId?: string; id: string; displayName: string }[] };
    expect(Object.keys(parsed)).toEqual(['devices']);
    expect(parsed.devices.map((d) => d.kind)).toEqual(['pc', 'storage', 'input', 'storage', 'printer', 'scanner', 'modem', 'monitor']);
    expect(parsed.devices[0]).toMatchObject({ serial: 'JR1SJQ1', installationId: '5042a59985415c508abf2d4b335255d0eb5273f39df460ab5979a138fdbae2ce', id: 'pc' });
  });

  it('fails with a message on stderr, a non-zero exit and nothing on stdout', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', 'scripts/identify.ts', '--replay', path.join(os.tmpdir(), 'no-such-replay-folder')], { cwd: REPO }).then(
      () => null,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toMatch(/identify: .*dmidecode\.txt/);
  });
});
