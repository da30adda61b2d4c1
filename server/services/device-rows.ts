import crypto from 'node:crypto';
import type { DeviceSummary, RegisteredDevice } from '../../protocol';
import type { DeviceRow, NewDeviceRow } from '../repositories/devices-repository';
import type { IdentifiedDevice } from './device-keys';

/** A fresh opaque device id: 96 random bits, URL-safe (never the row id, which would count registrations). */
export function newPublicDeviceId(): string {
  return crypto.randomBytes(12).toString('base64url');
}

/** The row stored for an identified device under a registration. */
export function deviceRow(device: IdentifiedDevice, registrationNumber: string, now: number): NewDeviceRow {
  return {
    public_id: newPublicDeviceId(),
    registration_number: registrationNumber,
    kind: device.kind,
    vendor: device.vendor,
    vendor_key: device.vendorKey,
    model: device.model,
    serial: device.serial,
    serial_key: device.serialKey,
    hardware_uuid: device.hardwareUuid,
    usb_vendor_id: device.usbVendorId,
    usb_product_id: device.usbProductId,
    installation_id: device.installationId,
    source: device.source,
    registered_at: now,
    released_at: null,
    edid_product_code: device.edidProductCode,
  };
}

/** What the host echoes about a device (never more). */
export function deviceSummary(device: IdentifiedDevice): DeviceSummary {
  return { kind: device.kind, vendor: device.vendor, model: device.model, serial: device.serial };
}

/** A stored device as its owner sees it (lookup and export): the public id, never the row id. */
export function registeredDeviceView(row: DeviceRow): RegisteredDevice {
  return {
    id: row.public_id,
    kind: row.kind as RegisteredDevice['kind'],
    vendor: row.vendor,
    model: row.model,
    serial: row.serial,
    registeredAt: new Date(row.registered_at).toISOString(),
  };
}
