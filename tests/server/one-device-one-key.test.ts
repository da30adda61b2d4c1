import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceIdentity, RegistrationCreated } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { newRegistration, pc, printer, uniqueSerial } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { readStore, storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('one-device-one-key.test');

/** Look-alike spellings an attacker (or a sloppy firmware) sends for one value. */
const DISGUISES: ReadonlyArray<[string, (value: string) => string]> = [
  ['zero-width space', (v) => `${v.slice(0, 2)}\u200B${v.slice(2)}`],
  ['soft hyphen', (v) => `${v.slice(0, 3)}\u00AD${v.slice(3)}`],
  ['word joiner', (v) => `${v}\u2060`],
  ['full-width', (v) => [...v].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('')],
  ['math-bold digits', (v) => v.replace(/[0-9]/g, (d) => String.fromCodePoint(0x1d7ce + Number(d)))],
  ['Cyrillic A/E/O', (v) => v.replace('A', 'А').replace('E', 'Е').replace('O', 'О')],
  ['Greek A/E/O', (v) => v.replace('A', 'Α').replace('E', 'Ε').replace('O', 'Ο')],
  ['lower case and spaces', (v) => ` ${v.toLowerCase()}\u3000`],
];

describe.each(variants)('one device, one key on $kind', (variant) => {
  const suite = useTestHost(variant);
  const post = (device: DeviceIdentity) => request<RegistrationCreated & ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) });
  const storedSerials = () => readStore(suite.database, (db) => db.selectFrom('devices').select(['serial', 'serial_key', 'vendor_key', 'edid_product_code']).execute());

  it.each(DISGUISES)('a serial disguised by %s never registers the device twice', async (_name, disguise) => {
    const serial = `PFA${uniqueSerial('EO')}`;
    expect((await post(pc({ serial, hardwareUuid: undefined }))).status).toBe(201);
    const again = await post(pc({ serial: disguise(serial), hardwareUuid: undefined }));
    // A disguise NFKC cannot undo leaves the serial junk: the PC has nothing else, so it is not identifiable.
    expect([409, 422]).toContain(again.status);
    expect(again.body.error.code).toMatch(/^(DEVICE_ALREADY_REGISTERED|DEVICE_NOT_IDENTIFIABLE)$/);
  });

  it('drops a serial NFKC leaves outside printable ASCII (junk, not 422) and registers the PC by its UUID', async () => {
    const response = await post(pc({ serial: `PF3${uniqueSerial('ZW')}\u200B` }));
    expect(response.status).toBe(201);
    expect(response.body.device.serial).toBeNull();
  });

  it('shows full-width input in its canonical form', async () => {
    const response = await post(printer({ vendor: 'Ｃａｎｏｎ\u200B', model: 'PIXUS\u00AD TS8330', serial: 'ＣＮ１２３４５Ｘ' }));
    expect(response.status).toBe(201);
    expect(response.body.device).toEqual({ kind: 'printer', vendor: 'Canon', model: 'PIXUS TS8330', serial: 'CN12345X' });
    const again = await post(printer({ vendor: 'CANON INC.', serial: 'cn12345x' }));
    expect(again.status).toBe(409);
  });

  it.each(['Ｎｏｎｅ', 'ＴＯ ＢＥ ＦＩＬＬＥＤ ＢＹ Ｏ.Ｅ.Ｍ.', 'None\u200B', '20071114173400000', '0000:00:14.0'])('%j is junk for every source', async (junk) => {
    for (const source of ['firmware', 'usb', 'edid', 'cups', 'manual'] as const) {
      const response = await post(printer({ serial: junk, source }));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
    }
  });

  it('keeps short EDID serials and compares monitors on vendor, product code and serial', async () => {
    const code = uniqueSerial('').slice(0, 4);
    const monitor = (overrides: Partial<DeviceIdentity>): DeviceIdentity => ({ kind: 'monitor', vendor: 'DEL', model: 'DELL P2419H', serial: '1409', edidProductCode: code, source: 'edid', ...overrides });
    const first = await post(monitor({}));
    expect(first.status).toBe(201);
    expect(first.body.device.serial).toBe('1409');
    expect((await post(monitor({ vendor: 'Dell Inc.', edidProductCode: code.toLowerCase() }))).status).toBe(409);
    const otherModel = code === 'FFFF' ? '0000' : (parseInt(code, 16) + 1).toString(16).padStart(4, '0');
    expect((await post(monitor({ edidProductCode: otherModel }))).status).toBe(201);
    const noCode = await post(monitor({ edidProductCode: undefined }));
    expect(noCode.status).toBe(422);
    const rows = await storedSerials();
    expect(rows.filter((row) => row.serial === '1409').map((row) => row.edid_product_code).sort()).toEqual([code.toUpperCase(), otherModel.toUpperCase()].sort());
  });

  it('refuses a malformed edidProductCode with 422 VALIDATION_FAILED naming it, and stores nothing', async () => {
    const before = await storedRowCounts(suite.database);
    for (const bad of ['12345', 'XYZW', '', 12, null, '０Ａ１Ｂ']) {
      const response = await post({ ...pc(), kind: 'monitor', source: 'edid', edidProductCode: bad } as unknown as DeviceIdentity);
      expect(response.status).toBe(422);
      expect(response.body.error.fields?.map((field) => field.path)).toContain('device.edidProductCode');
    }
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('property: look-alikes of real corpus serials and vendors never give two 201s, and no junk is stored', async () => {
    // Real serials and vendors from tests/fixtures/corpus (DMI, USB, EDID tables in tests/hardware).
    const corpus: ReadonlyArray<[DeviceIdentity['kind'], string, string]> = [
      ['pc', 'LENOVO', 'PF0XYZ12'], ['pc', 'Dell Inc.', 'D4TSSY1'], ['pc', 'HP', 'CZJ1280RMQ'], ['printer', 'Brother', '000M8N860527'],
      ['printer', 'Canon', 'A7SNB504228NRE'], ['monitor', 'ACR', 'TJYEE0068521'], ['monitor', 'HWP', 'CNN727057T'], ['storage', 'SanDisk', '4C530001170123102440'],
    ];
    const disguise = fc.constantFrom(...DISGUISES.map(([, apply]) => apply));
    const vendorSpelling = fc.constantFrom<(vendor: string) => string>((v) => v, (v) => v.toUpperCase(), (v) => v.toLowerCase(), (v) => `${v} Inc.`, (v) => DISGUISES[3]![1](v), (v) => `${v}\u200B`);
    const run = Date.now().toString(36).toUpperCase();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.array(fc.tuple(disguise, vendorSpelling), { minLength: 2, maxLength: 4 }), async ([kind, vendor, serial], spellings) => {
        round += 1;
        // Each round is a fresh device: a suffix keeps rounds apart but stays inside the serial's alphabet.
        const fresh = `${serial.slice(0, 10)}${run}${round}`.slice(0, 64);
        const statuses: number[] = [];
        for (const [disguiseSerial, spellVendor] of spellings) {
          const response = await post({ kind, vendor: spellVendor(vendor), model: 'M', serial: disguiseSerial(fresh), source: kind === 'monitor' ? 'edid' : 'usb' });
          statuses.push(response.status);
          expect([201, 409, 422]).toContain(response.status);
        }
        const plain = await post({ kind, vendor, model: 'M', serial: fresh, source: 'manual' });
        statuses.push(plain.status);
        expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
    const rows = await storedSerials();
    for (const row of rows) if (row.serial !== null) expect(row.serial).toMatch(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/);
    expect(new Set(rows.map((row) => row.vendor_key)).has('LENOVO')).toBe(true);
  });
});
