import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importManifest, type ManifestImportResult } from '../../server/manifest/import-manifest';
import type { ApiError } from '../../server/http/api-error';
import { databaseVariants } from '../support/databases';
import { uniqueSerial, uniqueUuid } from '../support/fixtures';
import { readStore, storedRowCounts } from '../support/stored-rows';
import { useTestHost, type SuiteDatabase } from '../support/use-test-host';

const variants = await databaseVariants('manifest-import.test');
const HEADER = 'kind,vendor,model,serial,hardwareUuid';

type Body = string | Buffer | Iterable<string | Buffer>;
/** Runs one import against the suite's store, over a connection of the test's own. */
function importer(suite: SuiteDatabase): (body: Body) => Promise<ManifestImportResult> {
  return (body) =>
    readStore(suite.database, (db, dialect) => importManifest({ db, dialect }, typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([body]) : Readable.from(body), { actor: 'factory-bot', now: () => Date.now() }));
}

// Junk rows are judged before anything reaches the store, so one engine is enough for the scale test.
describe('manifest import of 10^6 bad rows (SQLite)', () => {
  const suite = useTestHost(variants[0]!, { LOG_LEVEL: 'warn' });
  const run = importer(suite);

  it('streams 10^6 bad rows: every one rejected, 1,000 reported, nothing stored', async () => {
    function* rows(): Generator<string> {
      yield `${HEADER}\n`;
      for (let i = 0; i < 1000; i += 1) yield 'pc,LENOVO,T14,None,\n'.repeat(1000);
    }
    const before = await storedRowCounts(suite.database);
    const result: ManifestImportResult = await run(rows());
    expect(result).toMatchObject({ rows: 1_000_000, added: 0, rejected: 1_000_000 });
    expect(result.errors).toHaveLength(1000);
    const after = await storedRowCounts(suite.database);
    expect(after.manifest_devices).toBe(before.manifest_devices);
    expect(after.manifest_staging).toBe(0);
  }, 120_000);

});

describe.each(variants)('manifest import service on $kind', (variant) => {
  const suite = useTestHost(variant, { LOG_LEVEL: 'warn' });
  const run = importer(suite);
  const refused = async (body: Body): Promise<ApiError> => {
    const before = await storedRowCounts(suite.database);
    const error = (await run(body).then(() => null, (caught: unknown) => caught)) as ApiError | null;
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.status).toBe(422);
    // Nothing half-imported: no device, no manifest, no audit event, nothing left in staging.
    expect(await storedRowCounts(suite.database)).toEqual(before);
    return error as ApiError;
  };

  it('imports canonical rows, and importing the same file again adds nothing; a changed row is updated', async () => {
    const serials = [uniqueSerial('PF'), uniqueSerial('PF'), uniqueSerial('CN')];
    const uuid = uniqueUuid();
    const file = [
      `${HEADER},shippedAt,ekPublicSha256`,
      `pc,Lenovo Group Limited,ThinkPad T14,${serials[0]},${uuid.toUpperCase()},2026-11-02,${'AB'.repeat(32)}`,
      `pc,ＬＥＮＯＶＯ,ThinkPad X1,${[...serials[1]!].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('')},,,`,
      `printer,Canon Inc.,PIXUS TS8330,${serials[2]},,2026-10-01T09:00:00Z,`,
    ].join('\r\n');
    const first = await run(`\uFEFF${file}\r\n`);
    expect(first).toMatchObject({ rows: 3, added: 3, unchanged: 0, updated: 0, rejected: 0, errors: [] });
    const stored = await readStore(suite.database, (db) => db.selectFrom('manifest_devices').selectAll().where('manifest_id', '=', first.id).orderBy('id').execute());
    const bySerial = (a: readonly unknown[], b: readonly unknown[]) => String(a[1]).localeCompare(String(b[1]));
    expect(stored.map((row) => [row.vendor_key, row.serial, row.hardware_uuid, row.ek_public_sha256]).sort(bySerial)).toEqual(
      [
        ['LENOVO', serials[0], uuid.toLowerCase(), 'ab'.repeat(32)],
        ['LENOVO', serials[1], null, null],
        ['CANON', serials[2], null, null],
      ].sort(bySerial),
    );
    expect(stored.find((row) => row.serial === serials[0])?.shipped_at).toBe(Date.parse('2026-11-02'));
    const again = await run(file);
    expect(again).toMatchObject({ rows: 3, added: 0, unchanged: 3, updated: 0 });
    const changed = await run(file.replace('ThinkPad X1', 'ThinkPad X1 Carbon'));
    expect(changed).toMatchObject({ rows: 3, added: 0, unchanged: 2, updated: 1 });
    const audit = await readStore(suite.database, (db) => db.selectFrom('audit_events').selectAll().where('action', '=', 'manifest_imported').execute());
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ actor_type: 'operator', actor_name: 'factory-bot' });
    const manifests = await readStore(suite.database, (db) => db.selectFrom('manifests').selectAll().where('id', '=', changed.id).execute());
    expect(manifests[0]).toMatchObject({ actor: 'factory-bot', rows: 3, added: 0, unchanged: 2, updated: 1, rejected: 0 });
  });

  it('reports per-row errors with the file line (quoted newlines and blank lines counted) and imports the rest', async () => {
    const good = uniqueSerial('GD');
    const lines = [
      HEADER, // 1
      `pc,LENOVO,T14,Ｎｏｎｅ,`, // 2 junk (full-width None)
      `printer,Canon,"PIXUS`, // 3 a quoted newline: a control character in the model …
      `TS8330",${uniqueSerial('CN')},`, // 4 … the record ends here
      `printer,Canon,X,20071114173400000,`, // 5 junk for every source
      `tablet,Canon,X,${uniqueSerial('TB')},`, // 6 unknown kind
      `printer,Canon,X`, // 7 too few fields
      `printer,Canon,X,${uniqueSerial('UU')},${uniqueUuid()}`, // 8 UUID on a printer
      `pc,LENOVO,T14,${uniqueSerial('BU')},not-a-uuid`, // 9 malformed UUID
      `pc,LENOVO,T14,${good},`, // 10 good
      `pc,Lenovo,T14,${good.toLowerCase()}\u200B,`, // 11 junk (zero-width inside the serial)
      `pc,Lenovo,T14,${good.toLowerCase()},`, // 12 duplicate of line 10
      `pc,LEN\u0007OVO,T14,${uniqueSerial('CC')},`, // 13 control character in the vendor
      '',
      `pc,LENOVO,T14,None\u200B,`, // 15 junk
      `printer,"Canon, Inc.","PIXUS ""TS"" 8330",${uniqueSerial('QQ')},`, // 16 good: quoted comma and quotes
    ];
    const result = await run(lines.join('\n'));
    expect(result.rows).toBe(13);
    expect(result.added).toBe(2);
    expect(result.rejected).toBe(11);
    expect(result.errors.map((error) => [error.line, error.code])).toEqual([
      [2, 'JUNK_SERIAL'], [3, 'BAD_ROW'], [5, 'JUNK_SERIAL'], [6, 'BAD_ROW'], [7, 'BAD_ROW'], [8, 'BAD_ROW'], [9, 'BAD_ROW'], [11, 'JUNK_SERIAL'], [12, 'DUPLICATE_IN_FILE'], [13, 'BAD_ROW'], [15, 'JUNK_SERIAL'],
    ]);
    expect(result.errors.every((error) => error.message.length > 0)).toBe(true);
  });

  it('finds duplicates across batches and keeps only the first 1,000 errors', async () => {
    const serial = uniqueSerial('DB');
    function* rows(): Generator<string> {
      yield `${HEADER}\n`;
      yield `monitor,DEL,P2419H,${serial},\n`;
      for (let i = 0; i < 2500; i += 1) yield `monitor,Dell Inc.,P2419H,${serial},\n`;
    }
    const result = await run(rows());
    expect(result).toMatchObject({ rows: 2501, added: 1, rejected: 2500 });
    expect(result.errors).toHaveLength(1000);
    expect(result.errors[0]).toMatchObject({ line: 3, code: 'DUPLICATE_IN_FILE' });
    expect(result.errors[999]?.line).toBe(1002);
  });

  it('runs two imports of overlapping files at once to the same end as one after the other', async () => {
    const shared = Array.from({ length: 2500 }, () => uniqueSerial('OV'));
    const file = (model: string, extra: string) => [`${HEADER}`, ...shared.map((serial) => `printer,Epson,${model},${serial},`), `printer,Epson,${model},${extra},`].join('\n');
    const [first, second] = await Promise.all([run(file('EW-M752T', uniqueSerial('OA'))), run(file('EW-M873T', uniqueSerial('OB')))]);
    // Each key is added once: by whichever import merged it first; the other found it and updated its model.
    expect((first?.added ?? 0) + (second?.added ?? 0)).toBe(2502);
    expect(Math.max(first?.added ?? 0, second?.added ?? 0)).toBe(2501);
    expect((first?.updated ?? 0) + (second?.updated ?? 0)).toBe(2500);
    const models = await readStore(suite.database, (db) => db.selectFrom('manifest_devices').select('model').where('serial', 'in', shared).groupBy('model').execute());
    expect(models).toHaveLength(1);
  });

  it('refuses a body that is not UTF-8 — even after thousands of good rows — and imports nothing', async () => {
    function* rows(): Generator<string | Buffer> {
      yield `${HEADER}\n`;
      for (let i = 0; i < 3000; i += 1) yield `printer,Canon,X,${uniqueSerial('NU')},\n`;
      yield Buffer.from([0x70, 0x63, 0x2c, 0xff, 0xfe, 0x0a]);
    }
    const error = await refused(rows());
    expect(error.extra.fields?.[0]?.message).toMatch(/UTF-8/);
    await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xc3, 0x28]));
  });

  it.each([
    ['an empty body', ''],
    ['a wrong header', 'kind,vendor,model,serial\npc,LENOVO,T14,PF0XYZ12\n'],
    ['a header in another order', 'vendor,kind,model,serial,hardwareUuid\n'],
    ['an unknown extra column', `${HEADER},colour\n`],
    ['a repeated optional column', `${HEADER},shippedAt,shippedAt\n`],
    ['binary that happens to be UTF-8', '\u0000\u0001\u0002\u0003'],
    ['JSON', '{"kind":"pc"}'],
  ])('refuses %s with 422 and imports nothing', async (_name, body) => {
    const error = await refused(body);
    expect(error.extra.fields?.[0]?.path).toMatch(/^\((header|body)\)$/);
  });

  it('refuses a row of 1 MiB and an unclosed quote as not CSV, and imports nothing', async () => {
    await refused(`${HEADER}\nprinter,Canon,X,${uniqueSerial('OK')},\nprinter,Canon,${'x'.repeat(1024 * 1024)},${uniqueSerial('BG')},\n`);
    await refused(`${HEADER}\nprinter,Canon,"X,${uniqueSerial('QT')},\n`);
  });
});
