import type { OutboxEntry, ScannedDevice } from '../../../protocol';
import type { Screen } from './wizard-types';

/**
 * The scanned device a saved registration was for: by the scan id it recorded, else by kind,
 * maker and model when exactly one device matches (older entries carry no id).
 */
export function deviceForEntry(entry: OutboxEntry, devices: readonly ScannedDevice[]): ScannedDevice | undefined {
  const selectable = devices.filter((device) => device.identifiable);
  if (entry.deviceId !== undefined) return selectable.find((device) => device.id === entry.deviceId);
  const alike = selectable.filter((d) => d.kind === entry.device.kind && d.vendor === entry.device.vendor && d.model === entry.device.model);
  return alike.length === 1 ? alike[0] : undefined;
}

/** Where an outcome leads: the duplicate page's ways on, or a fresh form; the device list when the device is gone. */
export function outcomeScreen(entry: OutboxEntry, deviceFound: boolean): Screen {
  if (!deviceFound) return { name: 'devices' };
  if (entry.status === 'duplicate') {
    const matchedOn = entry.error?.matchedOn;
    return { name: 'duplicate', entry, ...(matchedOn ? { matchedOn } : {}) };
  }
  if (entry.status === 'rejected') return { name: 'details', rejected: entry };
  return { name: 'devices' };
}
