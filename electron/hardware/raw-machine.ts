/** The PC's firmware records as systeminformation returns them (system, baseboard, chassis). */
export interface RawFirmware {
  system: { manufacturer: string; model: string; version: string; serial: string; uuid: string; sku: string };
  baseboard: { manufacturer: string; model: string; version: string; serial: string };
  chassis: { manufacturer: string; model: string; type: string; version: string; serial: string };
}

/** One entry of systeminformation's `usb()` (Linux and Windows shapes share these fields). */
export interface RawUsbDevice {
  id: string | number | null;
  deviceId: string | number | null;
  name: string;
  type: string;
  vendor: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
}

/** Everything one scan read from a machine, live or replayed, before any identity rules apply. */
export interface RawMachine {
  firmware: RawFirmware;
  /** Values the root-written identity file supplied, when it exists. */
  identityFile: { systemSerial: string | null; systemUuid: string | null; baseboardSerial: string | null; chassisSerial: string | null } | null;
  /** True when DMI serials exist but this user may not read them (Linux, not root, no identity file value). */
  dmiPermissionDenied: boolean;
  usb: RawUsbDevice[];
  /** Whole `lsusb -v` text, for the device and interface classes systeminformation does not keep. */
  lsusbVerbose: string | null;
  edids: { connector: string; bytes: Uint8Array }[];
  /** `lpstat -v` (or `lpinfo -l -v`) text. */
  cups: string | null;
  /** SHA-256 hex of the OS machine id, or null when there is none. */
  installationId: string | null;
  warnings: string[];
}
