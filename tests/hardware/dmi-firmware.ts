import { dmiField, splitDmiRecords } from '../../electron/hardware/dmi-records';
import type { RawFirmware, RawMachine } from '../../electron/hardware/raw-machine';

/**
 * The firmware records straight from dmidecode text (what systeminformation returns after its own
 * parse, trimmed), for machines checked without a full replay. The full replay tests prove the two
 * paths agree on the machines both cover.
 */
export function firmwareFromDmidecode(text: string): RawFirmware {
  const records = splitDmiRecords(text);
  const first = (type: number) => records.find((record) => record.type === type);
  const v = (value: string | undefined): string => (value ?? '').trim();
  const system = first(1);
  const board = first(2);
  const chassis = first(3);
  return {
    system: {
      manufacturer: v(dmiField(system, 'manufacturer', 'vendor')),
      model: v(dmiField(system, 'product name', 'product')),
      version: v(dmiField(system, 'version')),
      serial: v(dmiField(system, 'serial number')),
      uuid: v(dmiField(system, 'uuid')).toLowerCase(),
      sku: v(dmiField(system, 'sku number')),
    },
    baseboard: {
      manufacturer: v(dmiField(board, 'manufacturer', 'vendor')),
      model: v(dmiField(board, 'product name', 'product')),
      version: v(dmiField(board, 'version')),
      serial: v(dmiField(board, 'serial number')),
    },
    chassis: { manufacturer: v(dmiField(chassis, 'manufacturer', 'vendor')), model: '', type: v(dmiField(chassis, 'type')), version: v(dmiField(chassis, 'version')), serial: v(dmiField(chassis, 'serial number')) },
  };
}

/** A machine with only firmware, as a RawMachine. */
export function firmwareOnlyMachine(firmware: RawFirmware, overrides: Partial<RawMachine> = {}): RawMachine {
  return { firmware, identityFile: null, dmiPermissionDenied: false, usb: [], lsusbVerbose: null, edids: [], cups: null, installationId: null, warnings: [], ...overrides };
}
