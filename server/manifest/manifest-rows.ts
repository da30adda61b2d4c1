import { z } from 'zod';
import { canonicalSerial, canonicalText, canonicalUuid, deviceKindSchema, hasControlCharacters, vendorKeyOf, type DeviceKind } from '../../protocol';
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
/** What a maker's manifest repeats on every row of a product line: checked once per distinct value. */
const productSchema = z.object({ kind: deviceKindSchema, vendor: text(100, 1), model: text(100) });
const shippedAtSchema = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?)?$/, 'must be an ISO-8601 date or time')
  .refine((value) => value === '' || !Number.isNaN(Date.parse(value)), 'not a real date');
/** What is different on every unit. */
const unitSchema = z.object({
  serial: z.string().min(1, 'required').max(64),
  hardwareUuid: z.string().max(64),
});
const ekPublicSha256Schema = z.string().regex(/^([0-9a-fA-F]{64})?$/, 'must be 64 hex digits (SHA-256)');

/** One data row judged: the row to stage, or why it is rejected. */
export type JudgedRow = { ok: true; row: NewManifestRow } | { ok: false; code: ManifestRowErrorCode; message: string };
type Rejection = Extract<JudgedRow, { ok: false }>;
type Product = Pick<NewManifestRow, 'vendor' | 'vendor_key' | 'model'> & { kind: DeviceKind };

const badRow = (error: z.ZodError, prefix = ''): Rejection => {
  const issue = error.issues[0];
  return { ok: false, code: 'BAD_ROW', message: `${prefix}${issue?.path.join('.') ?? 'row'}: ${issue?.message ?? 'invalid'}` };
};

/**
 * A memo for values a file repeats row after row (one maker, a few product lines, a few ship
 * dates): past MEMO_LIMIT distinct values it starts afresh, so a hostile file of all-different
 * values costs what it would without one and never grows memory.
 */
const MEMO_LIMIT = 4096;
function memo<T>(compute: (key: string) => T): (key: string) => T {
  let seen = new Map<string, T>();
  return (key) => {
    const known = seen.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (seen.size >= MEMO_LIMIT) seen = new Map();
    seen.set(key, value);
    return value;
  };
}

function judgeProduct(kind: string, vendor: string, model: string): Product | Rejection {
  const parsed = productSchema.safeParse({ kind, vendor, model });
  if (!parsed.success) return badRow(parsed.error);
  const vendorKey = vendorKeyOf(parsed.data.vendor, parsed.data.kind);
  if (vendorKey === '') return { ok: false, code: 'BAD_ROW', message: 'vendor: required' };
  return { kind: parsed.data.kind, vendor: canonicalText(parsed.data.vendor), vendor_key: vendorKey, model: canonicalText(parsed.data.model) };
}

function judgeShippedAt(value: string): number | null | Rejection {
  const parsed = shippedAtSchema.safeParse(value);
  if (!parsed.success) return badRow(parsed.error, 'shippedAt');
  return value === '' ? null : Date.parse(value);
}

/** Judges the data rows of one file: canonicalised and junk-checked exactly as a registration's device is (protocol/canonical-identity.ts). */
export function createRowJudge(columns: Map<Column, number>, manifestId: string): (record: readonly string[], line: number) => JudgedRow {
  const index = (name: Column): number => columns.get(name) ?? -1;
  const at = { kind: index('kind'), vendor: index('vendor'), model: index('model'), serial: index('serial'), hardwareUuid: index('hardwareUuid'), shippedAt: index('shippedAt'), ekPublicSha256: index('ekPublicSha256') };
  const cell = (record: readonly string[], position: number): string => (position < 0 ? '' : (record[position] ?? ''));
  // U+0000 cannot sit inside a cell that passes the control-character rule, so the joined key is unambiguous for those that do.
  const product = memo((key) => {
    const [kind = '', vendor = '', model = ''] = key.split('\u0000');
    return judgeProduct(kind, vendor, model);
  });
  const shipped = memo(judgeShippedAt);
  return (record, line) => {
    if (record.length !== columns.size) return { ok: false, code: 'BAD_ROW', message: `expected ${columns.size} fields, found ${record.length}` };
    const kind = cell(record, at.kind);
    const vendor = cell(record, at.vendor);
    const model = cell(record, at.model);
    // A cell holding U+0000 is refused by the product rules anyway; judged on its own, it never shares a memo key.
    const judgedProduct = `${kind}${vendor}${model}`.includes('\u0000') ? judgeProduct(kind, vendor, model) : product(`${kind}\u0000${vendor}\u0000${model}`);
    if ('ok' in judgedProduct) return judgedProduct;
    // The same order of checks (and so the same first complaint) as the columns of the contract.
    const unit = unitSchema.safeParse({ serial: cell(record, at.serial), hardwareUuid: cell(record, at.hardwareUuid) });
    if (!unit.success) return badRow(unit.error);
    const shippedAt = shipped(cell(record, at.shippedAt));
    if (shippedAt !== null && typeof shippedAt === 'object') return shippedAt;
    const ek = ekPublicSha256Schema.safeParse(cell(record, at.ekPublicSha256));
    if (!ek.success) return badRow(ek.error, 'ekPublicSha256');
    const serial = canonicalSerial(unit.data.serial, { kind: judgedProduct.kind });
    if (serial === null) return { ok: false, code: 'JUNK_SERIAL', message: 'serial: a placeholder or not printable ASCII after canonicalisation' };
    let hardwareUuid: string | null = null;
    if (unit.data.hardwareUuid.trim() !== '') {
      if (judgedProduct.kind !== 'pc') return { ok: false, code: 'BAD_ROW', message: 'hardwareUuid: only PCs have one' };
      hardwareUuid = canonicalUuid(unit.data.hardwareUuid, 'pc');
      if (hardwareUuid === null) return { ok: false, code: 'BAD_ROW', message: 'hardwareUuid: malformed or a placeholder' };
    }
    return {
      ok: true,
      row: {
        manifest_id: manifestId,
        line,
        ...judgedProduct,
        serial,
        // Manifests carry no EDID product code, so monitors are matched on their plain serial key.
        serial_key: serial.toUpperCase(),
        hardware_uuid: hardwareUuid,
        ek_public_sha256: ek.data === '' ? null : ek.data.toLowerCase(),
        shipped_at: shippedAt,
      },
    };
  };
}
