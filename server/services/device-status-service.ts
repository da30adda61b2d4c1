import { deviceStatusRequestSchema, type DeviceStatusResponse } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody } from '../http/validation';
import { findDeviceByKeys } from '../repositories/devices-repository';
import { identifyDevice } from './device-keys';
import type { ServiceDeps } from './service-deps';

type DeviceStatus = DeviceStatusResponse['devices'][number];

/**
 * `POST /api/v1/devices/status`: for each device, what a registration attempt would answer before
 * any personal information is typed (registered + matchedOn, as a 409 says; never whose).
 */
export async function devicesStatus(deps: ServiceDeps, rawBody: unknown): Promise<DeviceStatusResponse> {
  const request = parseOrThrow(deviceStatusRequestSchema, requireObjectBody(rawBody));
  const devices: DeviceStatus[] = [];
  for (const [index, presented] of request.devices.entries()) {
    let device;
    try {
      device = identifyDevice(presented, `devices.${index}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DEVICE_NOT_IDENTIFIABLE') {
        devices.push({ status: 'not_identifiable' });
        continue;
      }
      throw error;
    }
    const found = await findDeviceByKeys(deps.db, device);
    if (!found) devices.push({ status: 'unregistered' });
    else devices.push({ status: 'registered', matchedOn: device.hardwareUuid !== null && found.hardware_uuid === device.hardwareUuid ? 'hardwareUuid' : 'serial' });
  }
  return { devices };
}
