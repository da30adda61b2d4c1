/**
 * Junk identifier rules shared by the desktop app and the host, so a placeholder is refused the
 * same way wherever it is read. The literal lists are the union of the placeholder lists kept by
 * GLPI (src/Blacklist.php getDefaults), OCS Inventory (ocsbase.sql blacklist_serials), osquery
 * (kPlaceholderHardwareUUIDList), systemd (hwdb.d/20-dmi-id.hwdb "…_IS_RUBBISH") and fastfetch
 * (ffIsSmbiosValueSet), plus values the project corpus shows shared by many unrelated devices;
 * the rules catch the families those lists only sample (one digit repeated, ascending runs, …).
 */

/** Placeholder serials (system, board, chassis, any device); compared ignoring case and repeated spaces. */
export const JUNK_SERIAL_VALUES: readonly string[] = [
  // GLPI and OCS Inventory (both lists; the numeric runs are also caught by the rules)
  'N/A', '(null string)', 'INVALID', 'SYS-1234567890', 'SYS-9876543210', 'SN-12345', 'SN-1234567890',
  '0123456789', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '123456789000',
  '12345678901234567', '1111111111', '1111111', '1', '0000000000', '000000000', '00000000', '0000000', '000000',
  'NNNNNNN', 'xxxxxxxxxxx', 'EVAL', 'IATPASS', 'none', 'To Be Filled By O.E.M.', 'Tulip Computers',
  'Serial Number xxxxxx', 'SN-123456fvgv3i0b8o5n6n7k', 'Unknow', 'System Serial Number', 'MB-1234567890',
  'empty', 'Not Specified', 'OEM_Serial', 'SystemSerialNumb',
  // fastfetch and systemd
  'None', 'Default string', 'Undefined', 'Not Applicable', 'Not Defined', 'Not Available', 'No Enclosure',
  'Chassis Version', 'System Version', 'System Name', 'Type1ProductConfigId', 'All Series', '0x0000', 'OEM', 'O.E.M.',
  // seen in the corpus (firmware defaults and values shared by unrelated machines)
  'Chassis Serial Number', 'Base Board Serial Number', 'Board Serial Number', 'Not Settable', 'Not Present',
  'Unknown', 'Default', 'XXXXXXXXXX', 'No Asset Information', 'No Asset Tag', 'Type2 - Board Serial Number',
  'Serial', 'SerialNumber', 'Serial Number', 'Serial_Number', 'demoset-1', 'H1AK500000',
];

/** Placeholder vendor/model strings (firmware defaults that name no product). */
export const JUNK_VENDOR_MODEL_VALUES: readonly string[] = [
  // GLPI models and manufacturer
  'Unknow', 'To Be Filled By O.E.M.', '*', 'System Product Name', 'Product Name', 'System Name', 'All Series',
  'System manufacturer',
  // systemd 20-dmi-id.hwdb (svn… / pn… rubbish) and fastfetch
  'Default string', 'N/A', 'O.E.M.', 'OEM', 'System Manufacturer', 'To be filled by O.E.M.', 'System Version',
  'None', 'Undefined', 'Not Specified', 'Not Applicable', 'Not Defined', 'Not Available', 'INVALID',
  'Type1ProductConfigId', 'No Enclosure', 'Chassis Version', '0x0000',
  // seen in the corpus
  'O.E.M', 'Unknown', 'Type1Family', 'Chassis Manufacture', 'Chassis Manufacturer', 'Base Board Manufacturer',
  'Base Board Product Name', 'Manufacturer', 'empty',
];

/** Placeholder SMBIOS UUIDs beyond the rules (GLPI, osquery, firmware defaults). */
export const JUNK_UUID_VALUES: readonly string[] = [
  // GLPI
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '03000200-0400-0500-0006-000700080009', '6ab5b300-538d-1014-9fb5-b0684d007b53',
  '01010101-0101-0101-0101-010101010101',
  // osquery
  '00000000-0000-0000-0000-000000000000', '03020100-0504-0706-0809-0a0b0c0d0e0f', '10000000-0000-8000-0040-000000000000',
  // firmware defaults: AMI's other byte order, Windows' FE fill, a Dell board with a blank service tag
  '00020003-0004-0005-0006-000700080009', 'fefefefe-fefe-fefe-fefe-fefefefefefe', '4c4c4544-0000-2010-8020-80c04f202020',
  '12345678-1234-5678-90ab-cddeefaabbcc',
];

/** USB iSerial values seen on many unrelated units in the corpus (Telit modules, CH347, Realtek readers, …). */
export const JUNK_USB_SERIAL_VALUES: readonly string[] = [
  '0123456789ABCDEF',
  // every Realtek card reader (0bda:0158, 0bda:0129, …) reports this one
  '20071114173400000',
  '0000000000000001', '000000001', '12345678', '00000000', '123456', '--', '...',
  // what lsusb prints when it cannot read the string descriptor
  '(error)',
];

/** EDID 0xFF descriptor strings shared by many models (linuxhw/EDID counts in the corpus SOURCES.md). */
export const JUNK_EDID_SERIAL_TEXTS: readonly string[] = [
  '0000000000001', 'H1AK500000', '0000000000000', '0', 'SerialNumber', '1234567890123', 'demoset-1',
  '000000000000', 'Serial_Number', '000001', 'Serial Number', 'NA', 'n/a', '1111111111111',
];

/** EDID 32-bit serial values shared across hundreds of models (linuxhw/EDID statistics in SOURCES.md). */
export const JUNK_EDID_SERIAL_NUMBERS: readonly number[] = [0, 1, 257, 21573, 65536, 16780800, 16843009, 2147483648, 4294967295];

/** Case-, space- and edge-insensitive comparison key for placeholder lists. */
function key(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Every placeholder serial list in one set: the strictest rule set applies whatever `source` a client claims (API.md). */
const SERIAL_PLACEHOLDERS = new Set([...JUNK_SERIAL_VALUES, ...JUNK_USB_SERIAL_VALUES, ...JUNK_EDID_SERIAL_TEXTS].map(key));
const VENDOR_MODEL_PLACEHOLDERS = new Set(JUNK_VENDOR_MODEL_VALUES.map(key));
const UUID_PLACEHOLDERS = new Set(JUNK_UUID_VALUES.map((value) => value.toLowerCase()));

/**
 * Shortest serial that can still tell devices apart (the floor for USB and EDID serials,
 * now for every source). Monitors that send an EDID product code are exempt: they are compared
 * within their model, where short per-model numbers such as `1409` are real.
 */
export const MIN_SERIAL_LENGTH = 5;

/** Prefixes fastfetch and systemd treat as "not set" (`To be filled by O.E.M.`, `System Product Name`, …). */
const PLACEHOLDER_PREFIX = /^(to be filled|to be set|o\.e\.m\.|oem\b|system product|system serial|chassis serial|base ?board serial|default string|not (specified|applicable|available|settable|present|defined))/i;

/** Ascending/descending runs that firmware and gadget makers type as a dummy value. */
const RUNS = ['01234567890', '1234567890', '0123456789abcdef', 'abcdefghijklmnopqrstuvwxyz', '9876543210'];

/** True for a run of one character, binary noise, zeros then one digit, or an ascending run. */
function isPatternSerial(compact: string): boolean {
  const lower = compact.toLowerCase();
  if (/^(.)\1*$/su.test(lower)) return true;
  // GLPI: /^0+$/, /^1+$/, /^(0|1)+$/
  if (/^[01]+$/.test(lower)) return true;
  if (/^0+\d$/.test(lower)) return true;
  if (lower.length >= 4 && RUNS.some((run) => run.startsWith(lower))) return true;
  if (/^(1234567890?)+0*$/.test(lower) && lower.length >= 5) return true;
  return false;
}

/** Options of the one serial rule: only a monitor that sends its EDID product code may keep a short serial. */
export interface SerialRuleOptions {
  shortAllowed?: boolean;
}

/**
 * True when a serial, already canonical (protocol/canonical-identity.ts: NFKC, trimmed, inner
 * spaces single), cannot identify a device: outside printable ASCII, short, a placeholder of any
 * source's list, a bus address (`0000:00:14.0`), a Windows pseudo-serial (`&`), a host-controller
 * name, an EDID fill value, or a pattern (one character repeated, an ascending run, …).
 */
export function isJunkCanonicalSerial(value: string, options: SerialRuleOptions = {}): boolean {
  if (!/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(value)) return true;
  if (value.length < (options.shortAllowed === true ? 2 : MIN_SERIAL_LENGTH)) return true;
  if (!/[A-Za-z0-9]/.test(value)) return true;
  if (SERIAL_PLACEHOLDERS.has(key(value))) return true;
  if (PLACEHOLDER_PREFIX.test(value)) return true;
  if (value.includes(':') || value.includes('&')) return true;
  // Host-controller names (`xhci-hcd.2.auto`, `ehci_hcd`), not "HCD" inside a real serial such as `BM00000HCDX`.
  if (/[-_.]hcd([-_.]|$)|\.auto$/i.test(value)) return true;
  if (/^\d{1,10}$/.test(value) && JUNK_EDID_SERIAL_NUMBERS.includes(Number(value))) return true;
  const compact = value.replace(/[\s\-_.]/g, '');
  if (compact.length === 0 || isPatternSerial(compact)) return true;
  // A bare register-style number ("0x0001", fastfetch's "0x0000").
  if (/^0x[0-9a-f]{1,4}$/i.test(value)) return true;
  // GLPI's version-number rule (/\d\.\d(\.\d)?/), kept to whole values: "1.0", "2.10.3".
  if (/^v?\d+\.\d+(\.\d+)?$/i.test(value)) return true;
  // Families the lists only sample: "Type1 - 123456", "SYS-1234567890", "#A123456789", "SN0000", "MB-…".
  if (/^type\d\s*-/i.test(value)) return true;
  if (/^(sys|sn|mb|s\/n|#a?)[-\s]?\w*$/i.test(value) && isPatternSerial(value.replace(/^(sys|sn|mb|s\/n|#a?)[-\s]?/i, ''))) return true;
  // Values someone masked before publishing ("[REMOVED]", "<redacted>", "*obfuscated*").
  if (/^[[<*(]*\s*(removed|redacted|obfuscated|masked|hidden|censored)\b/i.test(value)) return true;
  return false;
}

/** True when the EDID 32-bit serial field is a fill value (0, 1, 0x01010101, 0xFFFFFFFF, …); short numbers are real within a model. */
export function isJunkEdidSerialNumber(value: number | null | undefined): boolean {
  if (value === null || value === undefined || !Number.isInteger(value) || value < 0) return true;
  if (JUNK_EDID_SERIAL_NUMBERS.includes(value)) return true;
  return isJunkCanonicalSerial(String(value), { shortAllowed: true });
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a UUID is not 8-4-4-4-12 hex, is one digit repeated, has a zero-filled first half, or is a known placeholder. */
export function isJunkUuid(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const trimmed = value.trim().toLowerCase();
  if (!UUID_SHAPE.test(trimmed)) return true;
  const hex = trimmed.replace(/-/g, '');
  if (/^(.)\1*$/.test(hex) || /^(..)\1*$/.test(hex)) return true;
  if (UUID_PLACEHOLDERS.has(trimmed)) return true;
  // Boards that never set a UUID: 00000000-0000-0000-0000-<MAC> (coreboot), and "12345678-…" (Insyde templates).
  if (/^0{16}/.test(hex)) return true;
  if (hex.startsWith('12345678')) return true;
  return false;
}

/** True when a vendor or model string, already canonical, is a placeholder and must not be shown or stored as one. */
export function isJunkVendorOrModel(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return true;
  if (/\p{Cc}/u.test(trimmed)) return true;
  if (VENDOR_MODEL_PLACEHOLDERS.has(key(trimmed))) return true;
  return /^(to be filled|to be set|o\.e\.m\.|system (manufacturer|product|version|name)|default string|type\d(productconfigid|family|\s*-))/i.test(trimmed);
}
