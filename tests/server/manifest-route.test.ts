import { describe, expect, it } from 'vitest';
import { databaseVariants } from '../support/databases';
import { uniqueSerial } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { tokensOfEveryRole } from '../support/operator-tokens';
import { readStore } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('manifest-route.test');

describe.each(variants)('POST /operator/api/v1/manifests on $kind', (variant) => {
  const suite = useTestHost(variant, { LOG_LEVEL: 'warn' });
  const post = (raw: string | Uint8Array, token: string | undefined, contentType = 'text/csv; charset=utf-8') =>
    request<ErrorResponse & { id: string; rows: number; added: number; errors: unknown[] }>(suite.host.operatorUrl, 'POST', '/operator/api/v1/manifests', { raw, ...(token === undefined ? {} : { token }), headers: { 'content-type': contentType } });

  it('imports a streamed CSV for an admin, audited under the token name', async () => {
    const tokens = await tokensOfEveryRole(suite.database);
    const csv = `kind,vendor,model,serial,hardwareUuid\r\nprinter,Canon,PIXUS,${uniqueSerial('RT')},\r\nprinter,Canon,PIXUS,None,\r\n`;
    const response = await post(csv, tokens.admin);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, added: 1, unchanged: 0, updated: 0, rejected: 1, errors: [{ line: 3, code: 'JUNK_SERIAL' }] });
    const audit = await readStore(suite.database, (db) => db.selectFrom('audit_events').select('actor_name').where('action', '=', 'manifest_imported').execute());
    expect(audit[0]?.actor_name).toMatch(/^test-admin-/);
  });

  it('is for admins only, wants text/csv, and refuses what is not UTF-8 with 422', async () => {
    const tokens = await tokensOfEveryRole(suite.database);
    const manifests = () => readStore(suite.database, (db) => db.selectFrom('manifests').select('id').execute());
    const before = await manifests();
    const csv = `kind,vendor,model,serial,hardwareUuid\nprinter,Canon,PIXUS,${uniqueSerial('RT')},\n`;
    expect((await post(csv, undefined)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await post(csv, tokens.support)).status).toBe(403);
    expect((await post(csv, tokens.viewer)).body.error.code).toBe('FORBIDDEN');
    const json = await post('{"kind":"pc"}', tokens.admin, 'application/json');
    expect([json.status, json.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    const binary = await post(new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0xff, 0xfe, 0x00]), tokens.admin);
    expect([binary.status, binary.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    const wrongHeader = await post('serial\nX\n', tokens.admin);
    expect(wrongHeader.status).toBe(422);
    expect(await manifests()).toEqual(before);
  });
});
