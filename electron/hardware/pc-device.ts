import type { UNIDENTIFIABLE_REASONS } from '../../protocol/desktop-api';
import { canonicalSerial, canonicalUuid } from '../../protocol/canonical-identity';
import { isJunkVendorOrModel } from '../../protocol/junk-identifiers';
import { MAX_SERIAL_LENGTH, deviceId, identityOf, modelText, vendorAndModel, vendorText, type FoundDevice } from './found-device';
import type { RawMachine } from './raw-machine';

type UnidentifiableReason = (typeof UNIDENTIFIABLE_REASONS)[number];

/** systeminformation's stand-ins for "nothing read" (`-` serial, `Computer` model). */
function usable(value: string | null | undefined, isJunk: (value: string) => boolean): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' || isJunk(trimmed) ? null : trimmed;
}

/**
 * The serial the PC is registered by: system, then baseboard, then chassis, the first that is not
 * junk; at each level the root-written identity file is asked before systeminformation.
 */
export function pcSerial(machine: Pick<RawMachine, 'firmware' | 'identityFile'>): string | null {
  const { system, baseboard, chassis } = machine.firmware;
  const file = machine.identityFile;
  const candidates = [file?.systemSerial, system.serial, file?.baseboardSerial, baseboard.serial, file?.chassisSerial, chassis.serial];
  for (const candidate of candidates) {
    const serial = canonicalSerial(candidate, { kind: 'pc' });
    if (serial !== null && serial.length <= MAX_SERIAL_LENGTH) return serial;
  }
  return null;
}

/** The SMBIOS system UUID in lower case, or null when it is junk or unreadable. */
export function pcUuid(machine: Pick<RawMachine, 'firmware' | 'identityFile'>): string | null {
  for (const candidate of [machine.identityFile?.systemUuid, machine.firmware.system.uuid]) {
    const uuid = canonicalUuid(candidate, 'pc');
    if (uuid !== null) return uuid;
  }
  return null;
}

const notModel = (value: string): boolean => isJunkVendorOrModel(value) || value === 'Computer';

/** Builds the PC entry; Lenovo keeps the marketing name (e.g. "ThinkPad X1 Yoga 2nd") in the system Version field. */
export function pcDevice(machine: RawMachine): FoundDevice {
  const { system, baseboard } = machine.firmware;
  const vendor = vendorText(usable(system.manufacturer, isJunkVendorOrModel), usable(baseboard.manufacturer, isJunkVendorOrModel));
  const model = modelText(usable(system.model, notModel) ?? usable(baseboard.model, notModel));
  const serial = pcSerial(machine);
  const hardwareUuid = pcUuid(machine);
  const lenovoName = /lenovo/i.test(vendor) ? usable(system.version, isJunkVendorOrModel) : null;
  const shownModel = lenovoName !== null && !/^lenovo$/i.test(lenovoName) ? lenovoName : model;
  const identifiable = serial !== null || hardwareUuid !== null;
  // systeminformation blanks "…O.E.M…" placeholders itself, so a junk UUID also tells that the firmware did say something.
  const read = (value: string | null | undefined): boolean => value !== null && value !== undefined && value.trim() !== '' && value.trim() !== '-';
  const anyRawSerial = [system.serial, baseboard.serial, machine.firmware.chassis.serial, system.uuid, machine.identityFile?.systemSerial, machine.identityFile?.systemUuid].some(read);
  const reason: UnidentifiableReason | undefined = identifiable ? undefined : machine.dmiPermissionDenied ? 'permission-denied' : anyRawSerial ? 'junk-serial' : 'no-serial';
  const scanned = {
    id: deviceId('pc'),
    kind: 'pc' as const,
    source: 'firmware' as const,
    vendor,
    model,
    displayName: vendorAndModel(vendor, shownModel).slice(0, 200),
    serial,
    ...(hardwareUuid === null ? {} : { hardwareUuid }),
    identifiable,
    ...(reason === undefined ? {} : { reason }),
  };
  const identity = identifiable ? identityOf(scanned, machine.installationId) : null;
  return { scanned, identity };
}
