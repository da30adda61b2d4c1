import { mergeCupsPrinters } from './cups-devices';
import type { FoundDevice } from './found-device';
import { monitorDevices } from './monitor-devices';
import { pcDevice } from './pc-device';
import type { RawMachine } from './raw-machine';
import { usbCandidates, usbDevices } from './usb-devices';

/** Applies every identity rule to what a scan read: PC first, then USB devices, CUPS-only printers, monitors. */
export function buildDevices(machine: RawMachine): { devices: FoundDevice[]; warnings: string[] } {
  const warnings = [...machine.warnings];
  const candidates = usbCandidates(machine.usb, machine.lsusbVerbose);
  const cupsOnly = mergeCupsPrinters(candidates, machine.cups);
  const devices = [pcDevice(machine), ...usbDevices(candidates), ...cupsOnly, ...monitorDevices(machine.edids, warnings)];
  const unique = new Map<string, FoundDevice>();
  for (const device of devices) {
    let id = device.scanned.id;
    for (let n = 2; unique.has(id); n += 1) id = `${device.scanned.id.slice(0, 120)}-${n}`;
    unique.set(id, { ...device, scanned: { ...device.scanned, id } });
  }
  return { devices: [...unique.values()], warnings };
}
