import type { DeviceIdentity, IpcResult, ScanResult, ScannedDevice } from '../../protocol';
import type { DeviceScanner } from '../hardware/device-scanner';
import { fail, ok } from './define-handler';

/**
 * Remembers what the last scan showed the renderer and re-reads identifiers from the machine
 * on demand: the renderer can only point at a device, never describe one.
 */
export class DeviceRegistry {
  private readonly seen = new Map<string, ScannedDevice>();

  constructor(private readonly scanner: DeviceScanner) {}

  /** Scans and remembers which ids the renderer may refer to. */
  async scan(): Promise<ScanResult> {
    const result = await this.scanner.scan();
    this.seen.clear();
    for (const device of result.devices) this.seen.set(device.id, device);
    return result;
  }

  /** The device as last shown, if the id came from a scan. */
  shown(id: string): ScannedDevice | undefined {
    return this.seen.get(id);
  }

  /** Reads the device's identifiers afresh; refuses ids no scan produced and devices that cannot be identified. */
  async identity(id: string): Promise<IpcResult<DeviceIdentity>> {
    const shown = this.seen.get(id);
    if (shown === undefined) return fail('UNKNOWN_DEVICE', 'no device with this id was found by the scan');
    if (!shown.identifiable) {
      return fail('DEVICE_NOT_SELECTABLE', `this device cannot be identified (${shown.reason ?? 'unknown reason'})`);
    }
    const identity = await this.scanner.readIdentity(id);
    if (identity === null) return fail('UNKNOWN_DEVICE', 'the device is no longer present or can no longer be identified');
    return ok(identity);
  }
}
