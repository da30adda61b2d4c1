import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DeviceIdentity, RegistrationCreated } from '../../protocol';
import { importManifest } from '../../server/manifest/import-manifest';
import { databaseVariants } from '../support/databases';
import { newRegistration, pc, printer, uniqueSerial, uniqueUuid } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { createTestToken } from '../support/operator-tokens';
import { readStore, storedRowCounts } from '../support/stored-rows';
import { useTestHost, type SuiteHost } from '../support/use-test-host';

const variants = await databaseVariants('manifest-policy.test');
const installation = () => uniqueUuid().replace(/-/g, '').padEnd(64, 'a');

/** A maker's manifest for one PC and one printer of a vendor the test owns, so coverage is the test's alone. */
async function shipped(suite: SuiteHost) {
  const vendor = `Maker${uniqueSerial('')}`;
  const device = { pc: pc({ vendor, model: 'Book 14', serial: uniqueSerial('MK') }), printer: printer({ vendor, model: 'Jet 1', serial: uniqueSerial('MP') }) };
  const csv = `kind,vendor,model,serial,hardwareUuid\npc,${vendor} Inc.,Book 14,${device.pc.serial},${device.pc.hardwareUuid}\nprinter,${vendor},Jet 1,${device.printer.serial},\n`;
  await readStore(suite.database, (db, dialect) => importManifest({ db, dialect }, Readable.from([csv]), { actor: 'test', now: () => Date.now() }));
  return { vendor, ...device };
}

const findingsOf = (suite: SuiteHost, serial: string | null | undefined) =>
  readStore(suite.database, (db) =>
    db.selectFrom('device_findings').innerJoin('devices', 'devices.id', 'device_findings.device_id').select('device_findings.finding').where('devices.serial', '=', serial ?? '').execute(),
  ).then((rows) => rows.map((row) => row.finding).sort());

describe.each(variants)('MANIFEST_POLICY=enforce on $kind', (variant) => {
  const suite = useTestHost(variant, { MANIFEST_POLICY: 'enforce' });
  const post = (device: DeviceIdentity) => request<RegistrationCreated & ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) });

  it('registers a shipped device, however its vendor is spelled', async () => {
    const maker = await shipped(suite);
    expect((await post({ ...maker.pc, vendor: maker.vendor.toUpperCase() })).status).toBe(201);
    expect((await post(maker.printer)).status).toBe(201);
  });

  it('refuses a serial the manifest does not hold with 422 DEVICE_NOT_RECOGNISED, storing nothing', async () => {
    const maker = await shipped(suite);
    const before = await storedRowCounts(suite.database);
    const response = await post(pc({ vendor: maker.vendor, serial: uniqueSerial('FK') }));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('DEVICE_NOT_RECOGNISED');
    expect(await storedRowCounts(suite.database)).toEqual(before);
    // The one row kept is the refusal support reads (GET /refusals), without personal information.
    const refusals = await readStore(suite.database, (db) => db.selectFrom('refusals').select(['reason', 'endpoint']).orderBy('id', 'desc').limit(1).execute());
    expect(refusals).toEqual([{ reason: 'not_recognised', endpoint: 'POST /api/v1/registrations' }]);
  });

  it('refuses a shipped serial in other hardware (UUID or model) with 422 DEVICE_MISMATCH', async () => {
    const maker = await shipped(suite);
    const otherUuid = await post({ ...maker.pc, hardwareUuid: uniqueUuid() });
    expect(otherUuid.status).toBe(422);
    expect(otherUuid.body.error.code).toBe('DEVICE_MISMATCH');
    const otherModel = await post({ ...maker.printer, model: 'Jet 9000' });
    expect(otherModel.body.error.code).toBe('DEVICE_MISMATCH');
  });

  it('leaves devices of vendors the manifest does not cover alone', async () => {
    await shipped(suite);
    expect((await post(printer({ vendor: `Other${uniqueSerial('')}` }))).status).toBe(201);
  });
});

describe.each(variants)('MANIFEST_POLICY=flag and cloned installations on $kind', (variant) => {
  const suite = useTestHost(variant, { MANIFEST_POLICY: 'flag' });
  const post = (device: DeviceIdentity) => request<RegistrationCreated & ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) });

  it('registers unknown and mismatching devices and records the findings', async () => {
    const maker = await shipped(suite);
    const fake = pc({ vendor: maker.vendor, serial: uniqueSerial('FK') });
    expect((await post(fake)).status).toBe(201);
    expect(await findingsOf(suite, fake.serial)).toEqual(['not_in_manifest']);
    expect((await post({ ...maker.printer, model: 'Jet 9000' })).status).toBe(201);
    expect(await findingsOf(suite, maker.printer.serial)).toEqual(['manifest_mismatch']);
    expect((await post(maker.pc)).status).toBe(201);
    expect(await findingsOf(suite, maker.pc.serial)).toEqual([]);
  });

  it('marks both PCs when one installationId appears on other hardware, counts it, and registers', async () => {
    const shared = installation();
    const first = pc({ installationId: shared });
    const clone = pc({ installationId: shared });
    const sameMachine = pc({ installationId: installation() });
    expect((await post(first)).status).toBe(201);
    expect((await post(sameMachine)).status).toBe(201);
    expect(await findingsOf(suite, first.serial)).toEqual([]);
    expect((await post(clone)).status).toBe(201);
    expect(await findingsOf(suite, first.serial)).toEqual(['cloned_installation']);
    expect(await findingsOf(suite, clone.serial)).toEqual(['cloned_installation']);
    expect(await findingsOf(suite, sameMachine.serial)).toEqual([]);
    const token = await createTestToken(suite.database, 'viewer');
    const metrics = (await request(suite.host.operatorUrl, 'GET', '/metrics', { token })).text;
    expect(metrics).toMatch(/^cloned_installations_total 1$/m);
  });
});
