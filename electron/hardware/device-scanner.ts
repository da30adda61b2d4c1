import type { DeviceIdentity, ScanResult } from '../../protocol';

/** Where a scan reads from: the live machine, or a recorded machine (replay folder). */
export interface ScanOptions {
  /** A replay folder (dmidecode.txt, lsusb.txt, edid/, machine-id, lpstat.txt); unset reads this machine. */
  replayDir?: string;
  /** The root-written identity file (Linux DMI serial and UUID); unset uses the configured default. */
  identityFile?: string;
}

/**
 * Reads the PC and its peripherals. The IPC handlers depend on this interface only, so they
 * run in plain Node against a replayed machine.
 */
export interface DeviceScanner {
  /** Reads every device now; ids are stable for the life of this scanner. */
  scan(): Promise<ScanResult>;
  /**
   * Reads the machine afresh and returns the identity (API.md `DeviceIdentity`) of the device
   * with this id, or null when it is gone or cannot be identified. This is what gets sent to
   * the host: never anything the renderer supplied.
   */
  readIdentity(id: string): Promise<DeviceIdentity | null>;
}
