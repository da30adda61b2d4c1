import type { DeviceIdentity, DeviceStatusEntry, IpcHandlerMap } from '../../protocol';
import type { HostClient } from '../host-client/host-client';
import { defineHandler, fail, ok } from './define-handler';
import type { DeviceRegistry } from './device-registry';

export interface StatusHandlerDeps {
  host: HostClient;
  devices: DeviceRegistry;
}

/**
 * The device page's statuses before anything is typed (issue #9): the renderer names scanned
 * devices by id, identifiers are re-read here and sent in one `POST /api/v1/devices/status`.
 * Devices the scan already knows cannot be identified are answered here without asking the host.
 */
export function createStatusHandlers(deps: StatusHandlerDeps): Pick<IpcHandlerMap, 'deviceStatus'> {
  return {
    deviceStatus: defineHandler('deviceStatus', async ({ deviceIds }) => {
      if (deps.host.deviceStatus === undefined) return fail('HOST_UNREACHABLE', 'this build cannot ask the host for device statuses');
      const unique = [...new Set(deviceIds)];
      if (unique.some((id) => deps.devices.shown(id) === undefined)) return fail('UNKNOWN_DEVICE', 'no device with this id was found by the scan');
      const asked: { deviceId: string; identity: DeviceIdentity }[] = [];
      const local = new Map<string, DeviceStatusEntry>();
      for (const deviceId of unique) {
        const identity = await deps.devices.identity(deviceId);
        if (identity.ok) asked.push({ deviceId, identity: identity.value });
        else local.set(deviceId, { deviceId, status: 'not_identifiable' });
      }
      if (asked.length > 0) {
        const answer = await deps.host.deviceStatus({ devices: asked.map((entry) => entry.identity) });
        if (!answer.ok) return answer;
        if (answer.value.devices.length !== asked.length) return fail('BAD_REQUEST', 'the registration host answered for a different number of devices');
        asked.forEach((entry, index) => {
          const status = answer.value.devices[index];
          if (status) local.set(entry.deviceId, { deviceId: entry.deviceId, status: status.status, ...(status.matchedOn ? { matchedOn: status.matchedOn } : {}) });
        });
      }
      return ok({ devices: unique.flatMap((id) => local.get(id) ?? []) });
    }),
  };
}
