import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import nodeMachineId from 'node-machine-id';
import si from 'systeminformation';
import { configuredIdentityFile, readIdentityFile } from './identity-file';
import type { RawMachine, RawUsbDevice } from './raw-machine';

const DRM_DIR = '/sys/class/drm';
const DMI_SERIAL_FILE = '/sys/class/dmi/id/product_serial';

/** Runs a command, giving its stdout or null when it is missing or fails (a scan never stops for one source). */
function commandOutput(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 64 * 1024 * 1024, timeout: 15_000 }, (error, stdout) => {
      resolve(error && stdout === '' ? null : stdout);
    });
  });
}

/** EDIDs of every DRM connector with a monitor attached (empty files mean nothing is plugged in). */
async function readDrmEdids(): Promise<RawMachine['edids']> {
  let names: string[];
  try {
    names = await readdir(DRM_DIR);
  } catch {
    return [];
  }
  const edids = await Promise.all(
    names.map(async (connector) => {
      try {
        const bytes = await readFile(path.join(DRM_DIR, connector, 'edid'));
        return bytes.length > 0 ? { connector, bytes: new Uint8Array(bytes) } : null;
      } catch {
        return null;
      }
    }),
  );
  return edids.filter((edid): edid is NonNullable<typeof edid> => edid !== null);
}

/** True when the DMI serial exists but this user may not read it (Linux makes it root-only). */
async function dmiSerialDenied(): Promise<boolean> {
  try {
    await access(DMI_SERIAL_FILE, constants.R_OK);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM';
  }
}

/** Reads this machine with systeminformation and the OS, every source at once. */
export async function readLiveMachine(identityFile?: string): Promise<RawMachine> {
  const linux = process.platform === 'linux';
  const warnings: string[] = [];
  const [system, baseboard, chassis, usb, lsusbVerbose, edids, cups, installationId, identity, denied] = await Promise.all([
    si.system(),
    si.baseboard(),
    si.chassis(),
    si.usb(),
    linux ? commandOutput('lsusb', ['-v']) : Promise.resolve(null),
    linux ? readDrmEdids() : Promise.resolve([]),
    process.platform === 'win32' ? Promise.resolve(null) : commandOutput('lpstat', ['-v']),
    nodeMachineId.machineId().catch(() => null),
    linux ? readIdentityFile(identityFile ?? configuredIdentityFile()) : Promise.resolve(null),
    linux ? dmiSerialDenied() : Promise.resolve(false),
  ]);
  const unread = (value: string): boolean => value.trim() === '' || value.trim() === '-';
  const dmiPermissionDenied = denied && unread(system.serial) && !identity?.systemSerial;
  if (dmiPermissionDenied) warnings.push('The PC serial number and UUID are readable by root only and no identity file was found; run the installer hook or the scan as root.');
  return {
    firmware: {
      system: { manufacturer: system.manufacturer, model: system.model, version: system.version, serial: system.serial, uuid: system.uuid, sku: system.sku },
      baseboard: { manufacturer: baseboard.manufacturer, model: baseboard.model, version: baseboard.version, serial: baseboard.serial },
      chassis: { manufacturer: chassis.manufacturer, model: chassis.model, type: chassis.type, version: chassis.version, serial: chassis.serial },
    },
    identityFile: identity,
    dmiPermissionDenied,
    usb: usb as unknown as RawUsbDevice[],
    lsusbVerbose,
    edids,
    cups,
    installationId,
    warnings,
  };
}
