import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidRegistrationNumber, type RegistrationCreated } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, pc, printer, uniqueSerial, uniqueUuid } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('registration.test');

describe.each(variants)('POST /api/v1/registrations on $kind', (variant) => {
  const suite = useTestHost(variant);
  const post = (body: unknown) => request<RegistrationCreated & ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body });

  it('registers a PC and issues a valid registration number', async () => {
    const body = newRegistration({ device: pc({ serial: '  PF3XYZ99  ', vendor: 'LENOVO', model: 'T14' }) });
    const response = await post(body);
    expect(response.status).toBe(201);
    expect(isValidRegistrationNumber(response.body.registrationNumber)).toBe(true);
    expect(response.body.registrationNumber).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(response.body.device).toEqual({ kind: 'pc', vendor: 'LENOVO', model: 'T14', serial: 'PF3XYZ99' });
    expect(new Date(response.body.registeredAt).toISOString()).toBe(response.body.registeredAt);
  });

  it('refuses the same serial (case, spaces, vendor spelling aside) with 409 matchedOn serial', async () => {
    const serial = uniqueSerial('AB');
    expect((await post(newRegistration({ device: pc({ serial, vendor: 'Hewlett Packard' }) }))).status).toBe(201);
    const again = await post(newRegistration({ device: pc({ serial: ` ${serial.toLowerCase()} `, vendor: 'ＨＥＷＬＥＴＴ packard' }) }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DEVICE_ALREADY_REGISTERED', matchedOn: 'serial' });
    expect(JSON.stringify(again.body)).not.toContain('registrationNumber');
  });

  it('refuses the same PC hardware UUID (any case) with 409 matchedOn hardwareUuid', async () => {
    const uuid = uniqueUuid();
    expect((await post(newRegistration({ device: pc({ hardwareUuid: uuid }) }))).status).toBe(201);
    const again = await post(newRegistration({ device: pc({ hardwareUuid: uuid.toUpperCase() }) }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DEVICE_ALREADY_REGISTERED', matchedOn: 'hardwareUuid' });
  });

  it('never lets devices of different kinds collide, and keeps vendors apart', async () => {
    const serial = uniqueSerial('KD');
    expect((await post(newRegistration({ device: printer({ serial, vendor: 'Canon' }) }))).status).toBe(201);
    expect((await post(newRegistration({ device: { kind: 'scanner', vendor: 'Canon', serial, source: 'usb' } }))).status).toBe(201);
    expect((await post(newRegistration({ device: printer({ serial, vendor: 'Epson' }) }))).status).toBe(201);
    expect((await post(newRegistration({ device: printer({ serial, vendor: 'canon' }) }))).status).toBe(409);
  });

  it('drops a junk serial and registers the PC by its UUID; junk never collides', async () => {
    const first = await post(newRegistration({ device: pc({ serial: 'To Be Filled By O.E.M.' }) }));
    expect(first.status).toBe(201);
    expect(first.body.device.serial).toBeNull();
    const second = await post(newRegistration({ device: pc({ serial: 'To Be Filled By O.E.M.' }) }));
    expect(second.status).toBe(201);
  });

  it('ignores a peripheral hardwareUuid and a junk UUID', async () => {
    const uuid = uniqueUuid();
    expect((await post(newRegistration({ device: printer({ hardwareUuid: uuid }) }))).status).toBe(201);
    expect((await post(newRegistration({ device: printer({ hardwareUuid: uuid }) }))).status).toBe(201);
    const zero = '00000000-0000-0000-0000-000000000000';
    expect((await post(newRegistration({ device: pc({ hardwareUuid: zero }) }))).status).toBe(201);
    expect((await post(newRegistration({ device: pc({ hardwareUuid: zero }) }))).status).toBe(201);
  });

  it('answers 422 DEVICE_NOT_IDENTIFIABLE naming the fields', async () => {
    const before = await storedRowCounts(suite.database);
    const noSerial = await post(newRegistration({ device: printer({ serial: null }) }));
    expect(noSerial.status).toBe(422);
    expect(noSerial.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
    expect(noSerial.body.error.fields?.map((field) => field.path)).toEqual(['device.serial']);
    const junkPc = await post(newRegistration({ device: pc({ serial: '0000000000', hardwareUuid: 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF' }) }));
    expect(junkPc.status).toBe(422);
    expect(junkPc.body.error.fields?.map((field) => field.path)).toEqual(['device.serial', 'device.hardwareUuid']);
    const absent = await post(newRegistration({ device: { kind: 'monitor', vendor: 'EIZO', source: 'edid' } }));
    expect(absent.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
    const notUuid = await post(newRegistration({ device: pc({ serial: null, hardwareUuid: 'not-a-uuid' }) }));
    expect(notUuid.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
    // The host re-applies the desktop app's per-source rules: a 4-character USB iSerial, a shared EDID number.
    const shortUsb = await post(newRegistration({ device: printer({ serial: 'AB12', source: 'usb' }) }));
    expect(shortUsb.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
    const sharedEdid = await post(newRegistration({ device: { kind: 'monitor', vendor: 'ACR', serial: '16843009', source: 'edid' } }));
    expect(sharedEdid.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('answers 422 VALIDATION_FAILED with dotted field paths', async () => {
    const body = newRegistration({ customer: customer({ email: 'not-an-email', phone: '12', postalCode: '1000001x' }) });
    const response = await post({ ...body, requestId: 'nope', password: 'short' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = response.body.error.fields?.map((field) => field.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['requestId', 'password', 'customer.email', 'customer.phone', 'customer.postalCode']));
    const control = await post(newRegistration({ customer: customer({ name: 'Bob\u202Eevil', address: 'line\u0000two' }) }));
    expect(control.body.error.fields?.map((field) => field.path)).toEqual(expect.arrayContaining(['customer.name', 'customer.address']));
    const badDevice = await post({ ...newRegistration(), device: { kind: 'toaster', vendor: '', source: 'firmware', usbVendorId: 'xyz' } });
    expect(badDevice.body.error.fields?.map((field) => field.path)).toEqual(expect.arrayContaining(['device.kind', 'device.vendor', 'device.usbVendorId']));
    const blankVendor = await post(newRegistration({ device: pc({ vendor: '   ' }) }));
    expect(blankVendor.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'device.vendor' }] });
  });

  it('answers 422 CONSENT_REQUIRED for a missing or outdated policy version', async () => {
    const { consent: _consent, ...missing } = newRegistration();
    const noConsent = await post(missing);
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.code).toBe('CONSENT_REQUIRED');
    const outdated = await post({ ...newRegistration(), consent: { privacyPolicyVersion: '2019-01' } });
    expect(outdated.body.error.code).toBe('CONSENT_REQUIRED');
  });

  it('replays the 201 for the same requestId and body (key order aside) and registers nothing new', async () => {
    const body = newRegistration();
    const first = await post(body);
    expect(first.status).toBe(201);
    const before = await storedRowCounts(suite.database);
    const reordered = { consent: body.consent, password: body.password, customer: { ...body.customer }, device: body.device, requestId: body.requestId };
    const replay = await post(reordered);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('answers 422 REQUEST_ID_CONFLICT for the same requestId with another body', async () => {
    const body = newRegistration();
    expect((await post(body)).status).toBe(201);
    const conflict = await post({ ...body, customer: customer({ address: 'somewhere else 2-2' }) });
    expect(conflict.status).toBe(422);
    expect(conflict.body.error.code).toBe('REQUEST_ID_CONFLICT');
    const otherDevice = await post({ ...body, device: pc() });
    expect(otherDevice.body.error.code).toBe('REQUEST_ID_CONFLICT');
  });

  it('does not remember refused requests: the same id is judged afresh', async () => {
    const body = newRegistration();
    expect((await post({ ...body, consent: { privacyPolicyVersion: 'old' } })).status).toBe(422);
    expect((await post(body)).status).toBe(201);
    const taken = newRegistration({ device: body.device });
    expect((await post(taken)).status).toBe(409);
    const fresh = { ...taken, device: pc() };
    expect((await post(fresh)).status).toBe(201);
  });

  it('gives 50 concurrent registrations of one device exactly one 201 and 49 409s', async () => {
    const device = pc();
    const before = await storedRowCounts(suite.database);
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(newRegistration({ device: { ...device } }))));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const after = await storedRowCounts(suite.database);
    expect(after.registrations - before.registrations).toBe(1);
    expect(after.devices - before.devices).toBe(1);
  });

  it('gives 20 concurrent retries of one request the same single registration', async () => {
    const body = newRegistration();
    const before = await storedRowCounts(suite.database);
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(body)));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((response) => response.body.registrationNumber)).size).toBe(1);
    expect((await storedRowCounts(suite.database)).registrations - before.registrations).toBe(1);
  });

  it('issues distinct numbers', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, async () => (await post(newRegistration())).body.registrationNumber));
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.every((number) => isValidRegistrationNumber(number))).toBe(true);
  });

  it('accepts a request id as any UUID spelling but only UUIDs', async () => {
    const bad = await post({ ...newRegistration(), requestId: crypto.randomBytes(8).toString('hex') });
    expect(bad.body.error.fields?.[0]?.path).toBe('requestId');
  });
});

describe.each(variants)('field policies on $kind', (variant) => {
  const suite = useTestHost(variant, { FIELD_POLICIES: 'nameKana=hidden,phone=optional', PASSWORD_MIN_LENGTH: '12', PRIVACY_POLICY_VERSION: 'v7' });

  it('serves the configured form and enforces it', async () => {
    const form = await request<{ fields: Record<string, string>; passwordPolicy: { minLength: number }; privacyPolicy: { version: string } }>(suite.host.url, 'GET', '/api/v1/form');
    expect(form.body.fields).toMatchObject({ nameKana: 'hidden', phone: 'optional', email: 'required' });
    expect(form.body.passwordPolicy.minLength).toBe(12);
    expect(form.body.privacyPolicy.version).toBe('v7');
    const base = { ...newRegistration({ password: 'long enough password' }), consent: { privacyPolicyVersion: 'v7' } };
    const hidden = await request<ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: base });
    expect(hidden.body.error.fields?.map((field) => field.path)).toEqual(['customer.nameKana']);
    const { nameKana: _kana, phone: _phone, ...rest } = customer();
    const ok = await request(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...base, customer: rest } });
    expect(ok.status).toBe(201);
    const short = await request<ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...base, customer: rest, device: pc(), requestId: crypto.randomUUID(), password: 'elevenchars' } });
    expect(short.body.error.fields?.map((field) => field.path)).toEqual(['password']);
  });
});
