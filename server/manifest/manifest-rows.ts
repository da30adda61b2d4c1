import { z } from 'zod';
import { canonicalSerial, canonicalText, canonicalUuid, deviceKindSchema, hasControlCharacters, vendorKeyOf } from '../../protocol';
import type { NewManifestRow } from '../repositories/manifest-repository';

/** The columns every manifest starts with (OPERATOR-API.md), then optionally shippedAt and ekPublicSha256. */
export const MANIFEST_REQUIRED_COLUMNS = ['kind', 'vendor', 'model', 'serial', 'hardwareUuid'] as const;
const OPTIONAL_COLUMNS = ['shippedAt', 'ekPublicSha256'] as const;
type Column = (typeof MANIFEST_REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Per-row error codes of OPERATOR-API.md. */
export type ManifestRowErrorCode = 'JUNK_SERIAL' | 'BAD_ROW' | 'DUPLICATE_IN_FILE';

/** Where each column sits in this file, or null when the header is not the contract's. */
export function headerColumns(header: readonly string[]): Map<Column, number> | null {
  if (header.length < MANIFEST_REQUIRED_COLUMNS.length || header.length > MANIFEST_REQUIRED_COLUMNS.length + OPTIONAL_COLUMNS.length) return null;
  if (MANIFEST_REQUIRED_COLUMNS.some((name, index) => header[index] !== name)) return null;
  const extra = header.slice(MANIFEST_REQUIRED_COLUMNS.length);
  if (new Set(extra).size !== extra.length || extra.some((name) => !(OPTIONAL_COLUMNS as readonly string[]).includes(name))) return null;
  return new Map(header.map((name, index) => [name as Column, index]));
}

const text = (max: number, min = 0) =>
  z
    .string()
    .max(max)
    .refine((value) => !hasControlCharacters(value), 'contains control characters')
    .refine((value) => canonicalText(value).length >= min, 'required');
const rowSchema = z.object({
  kind: deviceKindSchema,
  vendor: text(100, 1),
  model: text(100),
  serial: z.string().min(1, 'required').max(64),
  hardwareUuid: z.string().max(64),
  shippedAt: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?)?$/, 'must be an ISO-8601 date or time')
    .refine((value) => value === '' || !Number.isNaN(Date.parse(value)), 'not a real date'),
  ekPublicSha256: z.string().regex(/^([0-9a-fA-F]{64})?$/, 'must be 64 hex digits (SHA-256)'),
});

/** One data row judged: the row to stage, or why it is rejected. */
export type JudgedRow = { ok: true; row: Omit<NewManifestRow, 'manifest_id' | 'line'> } | { ok: false; code: ManifestRowErrorCode; message: string };

/** Canonicalises and junk-checks one data row exactly as a registration's device is (protocol/canonical-identity.ts). */
export function judgeRow(record: readonly string[], columns: Map<Column, number>): JudgedRow {
  if (record.length !== columns.size) return { ok: false, code: 'BAD_ROW', message: `expected ${columns.size} fields, found ${record.length}` };
  const cell = (name: Column): string => {
    const index = columns.get(name);
    return index === undefined ? '' : (record[index] ?? '');
  };
  const parsed = rowSchema.safeParse({
    kind: cell('kind'),
    vendor: cell('vendor'),
    model: cell('model'),
    serial: cell('serial'),
    hardwareUuid: cell('hardwareUuid'),
    shippedAt: cell('shippedAt'),
    ekPublicSha256: cell('ekPublicSha256'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, code: 'BAD_ROW', message: `${issue?.path.join('.') ?? 'row'}: ${issue?.message ?? 'invalid'}` };
  }
  const value = parsed.data;
  const serial = canonicalSerial(value.serial, { kind: value.kind });
  if (serial === null) return { ok: false, code: 'JUNK_SERIAL', message: 'serial: a placeholder or not printable ASCII after canonicalisation' };
  let hardwareUuid: string | null = null;
  if (value.hardwareUuid.trim() !== '') {
    if (value.kind !== 'pc') return { ok: false, code: 'BAD_ROW', message: 'hardwareUuid: only PCs have one' };
    hardwareUuid = canonicalUuid(value.hardwareUuid, 'pc');
    if (hardwareUuid === null) return { ok: false, code: 'BAD_ROW', message: 'hardwareUuid: malformed or a placeholder' };
  }
  const vendorKey = vendorKeyOf(value.vendor, value.kind);
  if (vendorKey === '') return { ok: false, code: 'BAD_ROW', message: 'vendor: required' };
  return {
    ok: true,
    row: {
      kind: value.kind,
      vendor: canonicalText(value.vendor),
      vendor_key: vendorKey,
      model: canonicalText(value.model),
      serial,
      // Manifests carry no EDID product code, so monitors are matched on their plain serial key.
      serial_key: serial.toUpperCase(),
      hardware_uuid: hardwareUuid,
      ek_public_sha256: value.ekPublicSha256 === '' ? null : value.ekPublicSha256.toLowerCase(),
      shipped_at: value.shippedAt === '' ? null : Date.parse(value.shippedAt),
    },
  };
}
