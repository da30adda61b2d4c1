/**
 * Junk identifier rules shared by the desktop app and the host, so a placeholder is refused
 * the same way wherever it is read. The literal lists are expanded by the device-identity work
 * (issue 3) from GLPI, OCS Inventory, osquery, systemd's 20-dmi-id.hwdb and fastfetch.
 */
const PLACEHOLDER_VALUES: readonly string[] = [
  'to be filled by o.e.m.',
  'to be filled by oem',
  'system serial number',
  'chassis serial number',
  'base board serial number',
  'default string',
  'not specified',
  'not applicable',
  'not available',
  'not settable',
  'not present',
  'none',
  'n/a',
  'na',
  'invalid',
  'oem',
  'o.e.m.',
  'serial',
  'serialnumber',
  'serial_number',
  'xxxxxxxxxx',
];

function key(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

const PLACEHOLDERS = new Set(PLACEHOLDER_VALUES.map(key));

/** True when a serial is a placeholder or otherwise cannot tell one device from another. */
export function isJunkSerial(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return true;
  if (PLACEHOLDERS.has(key(trimmed))) return true;
  const compact = trimmed.replace(/[\s-]/g, '');
  if (/^(.)\1*$/su.test(compact)) return true;
  if (/^0?123456789?0?$/.test(compact) || '0123456789'.startsWith(compact) && compact.length >= 4) return true;
  if (/^1234567/.test(compact) && /^\d+$/.test(compact)) return true;
  if (/^type\d\s*-/i.test(trimmed)) return true;
  return false;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER_UUIDS = new Set([
  '03000200-0400-0500-0006-000700080009',
  '00020003-0004-0005-0006-000700080009',
  '12345678-1234-5678-90ab-cddeefaabbcc',
]);

/** True when a UUID is not 8-4-4-4-12 hex, is all one digit, or is a known firmware placeholder. */
export function isJunkUuid(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const trimmed = value.trim().toLowerCase();
  if (!UUID_SHAPE.test(trimmed)) return true;
  if (/^(.)\1*$/.test(trimmed.replace(/-/g, ''))) return true;
  if (PLACEHOLDER_UUIDS.has(trimmed)) return true;
  return false;
}

/** True when a vendor or model string is a placeholder and must not be shown or stored as one. */
export function isJunkVendorOrModel(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return true;
  return PLACEHOLDERS.has(key(trimmed)) || /^system (manufacturer|product name)$/i.test(trimmed);
}
