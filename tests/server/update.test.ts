import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { LookupResponse, RegistrationCreated, UpdateResponse } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, PASSWORD, pc, printer } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';
import type { DeviceIdentity } from '../../protocol';

const variants = await databaseVariants('update.test');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(variants)('lookup, update and add-device on $kind', (variant) => {
  const suite = useTestHost(variant, { LOOKUP_MAX_FAILURES: '5', LOOKUP_LOCKOUT_WINDOW_SECONDS: '2', ACCESS_TOKEN_TTL_SECONDS: '600' });
  const lookup = (device: DeviceIdentity, password: string) =>
    request<LookupResponse & ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password } });
  const register = async (device: DeviceIdentity = pc()) => {
    const response = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) });
    expect(response.status).toBe(201);
    return { device, number: response.body.registrationNumber };
  };
  const loggedIn = async () => {
    const registered = await register();
    const response = await lookup(registered.device, PASSWORD);
    expect(response.status).toBe(200);
    return { ...registered, token: response.body.accessToken };
  };

  describe('POST /api/v1/registrations/lookup', () => {
    it('finds the registration by device + password, matching serials loosely', async () => {
      const { device, number } = await register(pc({ serial: 'LK12345ABC', hardwareUuid: undefined }));
      const response = await lookup({ ...device, serial: ' lk12345abc ', vendor: 'lenovo' }, PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body.registrationNumber).toBe(number);
      expect(response.body.customer).toEqual(customer());
      expect(response.body.devices).toMatchObject([{ kind: 'pc', vendor: 'LENOVO', model: 'ThinkPad T14', serial: 'LK12345ABC' }]);
      expect(response.body.devices[0]?.registeredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now());
      expect(response.body.accessToken.split('.')).toHaveLength(3);
    });

    it('finds a PC by its UUID alone', async () => {
      const { device, number } = await register();
      const response = await lookup({ ...device, serial: null, hardwareUuid: device.hardwareUuid?.toUpperCase() }, PASSWORD);
      expect(response.body.registrationNumber).toBe(number);
    });

    it('answers 401 INVALID_CREDENTIALS alike for a wrong password and an unknown device', async () => {
      const { device } = await register();
      const wrong = await lookup(device, 'wrong password!');
      const unknown = await lookup(pc(), PASSWORD);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('answers 422 for a bad body or an unidentifiable device, and does not count it', async () => {
      const { device } = await register();
      for (let i = 0; i < 6; i += 1) {
        expect((await request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device } })).status).toBe(422);
      }
      const junk = await lookup(printer({ serial: 'N/A' }), PASSWORD);
      expect(junk.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
      expect((await lookup(device, PASSWORD)).status).toBe(200);
    });

    it('locks a device key after 5 failures with Retry-After; 429s do not count; the window expires', async () => {
      const { device } = await register();
      for (let i = 0; i < 5; i += 1) expect((await lookup(device, `bad password ${i}`)).status).toBe(401);
      const locked = await lookup(device, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      const retryAfter = locked.headers.get('retry-after') ?? '';
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(2);
      // Half-way through the window, 6 more attempts are refused; were they counted, they would
      // still fill the window after the first 5 failures expire.
      await sleep(1000);
      for (let i = 0; i < 6; i += 1) expect((await lookup(device, 'still wrong')).status).toBe(429);
      await sleep(1200);
      expect((await lookup(device, PASSWORD)).status).toBe(200);
    });

    it('locks unknown devices too, and a success resets the count', async () => {
      const unknown = pc();
      for (let i = 0; i < 5; i += 1) expect((await lookup(unknown, PASSWORD)).status).toBe(401);
      expect((await lookup(unknown, PASSWORD)).status).toBe(429);

      const { device } = await register();
      for (let i = 0; i < 4; i += 1) expect((await lookup(device, 'wrong wrong')).status).toBe(401);
      expect((await lookup(device, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i += 1) expect((await lookup(device, 'wrong wrong')).status).toBe(401);
      expect((await lookup(device, PASSWORD)).status).toBe(200);
    });

    it('counts a PC by UUID and serial alike, so changing one key does not reset the lock', async () => {
      const { device } = await register();
      for (let i = 0; i < 5; i += 1) expect((await lookup({ ...device, serial: `OTHER${i}XYZ` }, 'nope nope')).status).toBe(401);
      expect((await lookup(device, PASSWORD)).status).toBe(429);
    });

    it('holds the limit under 20 concurrent wrong guesses', async () => {
      const { device } = await register();
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => lookup(device, `guess number ${i}`)));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(15);
    });
  });

  describe('PATCH /api/v1/registrations/{registrationNumber}', () => {
    const patch = (number: string, body: unknown, token?: string) =>
      request<UpdateResponse & ErrorResponse>(suite.host.url, 'PATCH', `/api/v1/registrations/${number}`, { body, ...(token !== undefined ? { token } : {}) });

    it('stores only what changed and says which fields changed', async () => {
      const { number, token, device } = await loggedIn();
      const unchanged = await patch(number, { customer: customer() }, token);
      expect(unchanged.status).toBe(200);
      expect(unchanged.body).toEqual({ changed: false, changedFields: [] });
      const { nameKana: _kana, ...withoutKana } = customer({ address: '大阪府大阪市北区1-1', email: 'new@example.jp' });
      const changed = await patch(number, { customer: withoutKana }, token);
      expect(changed.body).toEqual({ changed: true, changedFields: ['nameKana', 'email', 'address'] });
      const after = await lookup(device, PASSWORD);
      expect(after.body.customer).toEqual(withoutKana);
    });

    it('changes the password and reports "password"', async () => {
      const { number, token, device } = await loggedIn();
      const same = await patch(number, { customer: customer(), newPassword: PASSWORD }, token);
      expect(same.body).toEqual({ changed: false, changedFields: [] });
      const changed = await patch(number, { customer: customer(), newPassword: 'a brand new password' }, token);
      expect(changed.body).toEqual({ changed: true, changedFields: ['password'] });
      expect((await lookup(device, PASSWORD)).status).toBe(401);
      expect((await lookup(device, 'a brand new password')).status).toBe(200);
    });

    it('reads the path number as typed input', async () => {
      const { number, token } = await loggedIn();
      const typed = number.replace(/-/g, '').toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
      const response = await patch(typed, { customer: customer({ address: 'typed 1-2-3' }) }, token);
      expect(response.status).toBe(200);
    });

    it('answers 401 INVALID_TOKEN for missing, forged and expired tokens, before anything else', async () => {
      const { number, token } = await loggedIn();
      expect((await patch(number, { customer: customer() })).body.error.code).toBe('INVALID_TOKEN');
      const [header, payload] = token.split('.');
      const forgedSignature = `${header}.${payload}.${crypto.randomBytes(32).toString('base64url')}`;
      expect((await patch(number, { customer: customer() }, forgedSignature)).status).toBe(401);
      const otherKey = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(number).setIssuer('registration-host').setAudience('registration-update').setExpirationTime('5m').sign(crypto.randomBytes(32));
      expect((await patch(number, { customer: customer() }, otherKey)).status).toBe(401);
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
      expect((await patch(number, { customer: customer() }, none)).status).toBe(401);
      const badBody = await request<ErrorResponse>(suite.host.url, 'PATCH', `/api/v1/registrations/${number}`, { raw: '{not json', token: 'garbage' });
      expect(badBody.status).toBe(401);
      expect((await patch('not-a-number', 'nonsense', 'garbage')).status).toBe(401);
    });

    it('answers 403 FORBIDDEN for another registration, an unknown or malformed number', async () => {
      const mine = await loggedIn();
      const theirs = await loggedIn();
      const foreign = await patch(theirs.number, { customer: customer() }, mine.token);
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe('FORBIDDEN');
      expect((await patch('0000-0000-0000', { customer: customer() }, mine.token)).status).toBe(403);
      expect((await patch('hello', { customer: customer() }, mine.token)).status).toBe(403);
      expect((await patch(theirs.number, 'not even an object', mine.token)).status).toBe(403);
    });

    it('answers 422 for a bad body once the token and number are good', async () => {
      const { number, token } = await loggedIn();
      const response = await patch(number, { customer: customer({ email: 'nope' }), newPassword: 'short' }, token);
      expect(response.status).toBe(422);
      expect(response.body.error.fields?.map((field) => field.path).sort()).toEqual(['customer.email', 'newPassword']);
      expect((await request(suite.host.url, 'PATCH', `/api/v1/registrations/${number}`, { raw: '[]', token, headers: { 'content-type': 'application/json' } })).status).toBe(400);
    });
  });

  describe('POST /api/v1/registrations/{registrationNumber}/devices', () => {
    const add = (number: string, body: unknown, token?: string) =>
      request<RegistrationCreated & ErrorResponse>(suite.host.url, 'POST', `/api/v1/registrations/${number}/devices`, { body, ...(token !== undefined ? { token } : {}) });

    it('adds a peripheral under the same number, idempotently, in its own request-id space', async () => {
      const { number, token, device } = await loggedIn();
      const body = { requestId: crypto.randomUUID(), device: printer() };
      const first = await add(number, body, token);
      expect(first.status).toBe(201);
      expect(first.body.registrationNumber).toBe(number);
      expect(first.body.device).toMatchObject({ kind: 'printer', vendor: 'Canon' });
      const before = await storedRowCounts(suite.database);
      const replay = await add(number, { device: body.device, requestId: body.requestId }, token);
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(await storedRowCounts(suite.database)).toEqual(before);
      expect((await add(number, { ...body, device: printer() }, token)).body.error.code).toBe('REQUEST_ID_CONFLICT');
      const listed = await lookup(device, PASSWORD);
      expect(listed.body.devices.map((d) => d.kind)).toEqual(['pc', 'printer']);
      // the registration space does not see add-device ids
      const sharedId = await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ requestId: body.requestId }) });
      expect(sharedId.status).toBe(201);
    });

    it('refuses an already registered device with 409 and an unidentifiable one with 422', async () => {
      const { number, token } = await loggedIn();
      const taken = await register(printer());
      const duplicate = await add(number, { requestId: crypto.randomUUID(), device: taken.device }, token);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({ code: 'DEVICE_ALREADY_REGISTERED', matchedOn: 'serial' });
      const junk = await add(number, { requestId: crypto.randomUUID(), device: printer({ serial: '123456789' }) }, token);
      expect(junk.body.error.code).toBe('DEVICE_NOT_IDENTIFIABLE');
      const invalid = await add(number, { requestId: 'x', device: printer() }, token);
      expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'requestId' }] });
    });

    it('checks the token, then the number', async () => {
      const mine = await loggedIn();
      const theirs = await loggedIn();
      const body = { requestId: crypto.randomUUID(), device: printer() };
      expect((await add(mine.number, body)).status).toBe(401);
      expect((await add(mine.number, body, 'x.y.z')).status).toBe(401);
      expect((await add(theirs.number, body, mine.token)).status).toBe(403);
    });
  });
});

describe.each(variants)('token expiry on $kind', (variant) => {
  const suite = useTestHost(variant, { ACCESS_TOKEN_TTL_SECONDS: '1' });

  it('refuses an expired token with 401', async () => {
    const body = newRegistration();
    const created = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body });
    const found = await request<LookupResponse>(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device: body.device, password: PASSWORD } });
    expect(Date.parse(found.body.expiresAt) - Date.now()).toBeLessThanOrEqual(1000);
    await sleep(2100);
    const response = await request<ErrorResponse>(suite.host.url, 'PATCH', `/api/v1/registrations/${created.body.registrationNumber}`, {
      body: { customer: customer() },
      token: found.body.accessToken,
    });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_TOKEN');
  });
});
