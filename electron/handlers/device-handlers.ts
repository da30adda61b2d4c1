import type { IpcHandlerMap } from '../../protocol';
import { defineHandler, fail, ok } from './define-handler';
import type { DeviceRegistry } from './device-registry';

/** The scan, behind the same refusal rules as every other handler. */
export function createDeviceHandlers(devices: DeviceRegistry): Pick<IpcHandlerMap, 'scanDevices'> {
  return {
    scanDevices: defineHandler('scanDevices', async () => {
      try {
        return ok(await devices.scan());
      } catch {
        return fail('SCAN_FAILED', 'the devices of this PC could not be read');
      }
    }),
  };
}
