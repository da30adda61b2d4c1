import type { DeviceIdentity, ScanResult } from '../../protocol';
import { buildDevices } from './build-devices';
import type { DeviceScanner, ScanOptions } from './device-scanner';
import type { FoundDevice } from './found-device';
import { readLiveMachine } from './live-reader';
import type { RawMachine } from './raw-machine';
import { readReplayMachine } from './replay-reader';

/** Reads the machine (replayed when a folder is given) and applies the identity rules; one read gives both the display and the identity of every device. */
export async function readDevices(options: ScanOptions): Promise<{ devices: FoundDevice[]; warnings: string[] }> {
  const machine: RawMachine = options.replayDir !== undefined ? await readReplayMachine(options.replayDir, options.identityFile) : await readLiveMachine(options.identityFile);
  return buildDevices(machine);
}

/**
 * The scanner the IPC handlers use. Ids come from what identifies a device (vid, pid, serial,
 * connector), so the same device keeps its id across scans of the session; readIdentity reads the
 * machine again instead of trusting the earlier scan, as the design requires.
 */
export function createDeviceScanner(options: ScanOptions = {}): DeviceScanner {
  return {
    async scan(): Promise<ScanResult> {
      const { devices, warnings } = await readDevices(options);
      return { devices: devices.map((device) => device.scanned), warnings };
    },
    async readIdentity(id: string): Promise<DeviceIdentity | null> {
      const { devices } = await readDevices(options);
      return devices.find((device) => device.scanned.id === id)?.identity ?? null;
    },
  };
}
