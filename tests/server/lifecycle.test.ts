import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatusResponse, FormSettings, RecoveryConfirmed, RegistrationExport, TransferCreated, TransferStatus } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, PASSWORD, pc, printer, uniqueSerial } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { lifecycleClient, uniqueEmail } from '../support/lifecycle-client';
import { createTestToken } from '../support/operator-tokens';
import { storedRowCounts } from '../support/stored-rows';
import { startTestHost, type TestHost } from '../support/test-host';
import { useMailHost } from '../support/use-mail-host';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('lifecycle.test');
const NEW_PASSWORD = 'a brand new passphrase';

/** The code a recovery-code mail carries. */
function codeIn(text: string): string {
  const match = /([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text);
  if (!match?.[1]) throw new Error('no code in the mail');
  return match[1];
}

describe.each(variants)('customer lifecycle on $kind', (variant) => {
  let clockOffset = 0;
  const ENV = { FIELD_POLICIES: 'email=optional', LOOKUP_LOCKOUT_WINDOW_SECONDS: '600', LOOKUP_MAX_FAILURES: '20' };
  const suite = useMailHost(variant, ENV, { now: () => Date.now() + clockOffset });
  const url = () => suite.host.url;
  const client = lifecycleClient(url);
  const mailsTo = async (email: string, count: number) => {
    await suite.sink.waitFor(0);
    const deadline = Date.now() + 15_000;
    while (suite.sink.to(email).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const mails = suite.sink.to(email);
    expect(mails.length, `mails to ${email}`).toBe(count);
    return mails;
  };
  /** The mails to `email` with this subject, once `count` mails in all reached it (arrival order is not guaranteed). */
  const withSubject = async (email: string, count: number, subject: string) => (await mailsTo(email, count)).filter((mail) => mail.subject === subject);
  const RECOVERY = 'パスワード再設定コード';

  it('announces recovery and transfers in the form', async () => {
    const form = await request<FormSettings>(url(), 'GET', '/api/v1/form');
    expect(form.body.recovery).toBe(true);
    expect(form.body.transfers).toBe(true);
  });

  it('mails a registered notice once, in the registration locale, without the full serial or password', async () => {
    const serial = uniqueSerial('ML');
    const ja = await client.register({ device: printer({ serial }) });
    const en = await client.register({ locale: 'en' });
    const [jaMail] = await mailsTo(ja.email, 1);
    const [enMail] = await mailsTo(en.email, 1);
    expect(jaMail?.subject).toBe('製品登録が完了しました');
    expect(jaMail?.text).toContain(ja.number);
    expect(jaMail?.text).toContain(serial.slice(-4));
    expect(jaMail?.html).toContain(ja.number);
    expect(enMail?.subject).toBe('Your product is registered');
    for (const mail of [jaMail, enMail]) {
      const whole = `${mail?.subject} ${mail?.text} ${String(mail?.html)}`;
      expect(whole).not.toContain(serial);
      expect(whole).not.toContain(PASSWORD);
      expect(mail?.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    }
  });

  it('ends every earlier token when PATCH changes the password, and mails password-changed', async () => {
    const me = await client.signIn();
    const patch = await request<ErrorResponse>(url(), 'PATCH', `/api/v1/registrations/${me.number}`, { token: me.token, body: { customer: customer({ email: me.email }), newPassword: NEW_PASSWORD } });
    expect(patch.status).toBe(200);
    const again = await request<ErrorResponse>(url(), 'PATCH', `/api/v1/registrations/${me.number}`, { token: me.token, body: { customer: customer({ email: me.email }) } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_TOKEN');
    expect((await client.lookup(me.device)).status).toBe(401);
    expect((await client.lookup(me.device, NEW_PASSWORD)).status).toBe(200);
    const mails = await mailsTo(me.email, 2);
    expect(mails.map((mail) => mail.subject)).toContain('パスワードが変更されました');
  });

  describe('forgotten password', () => {
    const ask = (body: unknown) => request<ErrorResponse>(url(), 'POST', '/api/v1/recovery', { body });
    const confirm = (body: unknown) => request<RecoveryConfirmed & ErrorResponse>(url(), 'POST', '/api/v1/recovery/confirm', { body });

    it('mails a single-use code; the old password and old tokens stop working', async () => {
      const me = await client.signIn();
      await mailsTo(me.email, 1);
      const accepted = await ask({ device: me.device, email: me.email.toUpperCase() });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({});
      const code = codeIn((await withSubject(me.email, 2, RECOVERY))[0]?.text ?? '');
      const typed = code.toLowerCase().replace('-', '').replace(/1/g, 'l').replace(/0/g, 'o');
      const done = await confirm({ device: me.device, code: typed, newPassword: NEW_PASSWORD });
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ registrationNumber: me.number });
      expect((await client.lookup(me.device)).status).toBe(401);
      expect((await client.lookup(me.device, NEW_PASSWORD)).status).toBe(200);
      const old = await request<ErrorResponse>(url(), 'GET', `/api/v1/registrations/${me.number}/export`, { token: me.token });
      expect(old.status).toBe(401);
      const reused = await confirm({ device: me.device, code, newPassword: 'yet another passphrase' });
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe('INVALID_CODE');
      const mails = await mailsTo(me.email, 3);
      expect(mails.map((mail) => mail.subject)).toContain('パスワードが変更されました');
      for (const mail of mails) expect(`${mail.text} ${String(mail.html)}`).not.toContain(NEW_PASSWORD);
    });

    it('answers 202 alike and mails nothing when the e-mail or device does not match', async () => {
      const me = await client.register();
      await mailsTo(me.email, 1);
      const before = await storedRowCounts(suite.database);
      const wrongMail = await ask({ device: me.device, email: uniqueEmail() });
      const unknownDevice = await ask({ device: pc(), email: me.email });
      const junk = await ask({ device: pc({ serial: '0000000000', hardwareUuid: undefined }), email: me.email });
      for (const response of [wrongMail, unknownDevice, junk]) {
        expect(response.status).toBe(202);
        expect(response.text).toBe('{}');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(suite.sink.to(me.email)).toHaveLength(1);
      expect(await storedRowCounts(suite.database)).toEqual(before);
    });

    it('voids a code after 30 minutes, after a new request, and after 5 wrong codes', async () => {
      const me = await client.register();
      await ask({ device: me.device, email: me.email });
      const first = codeIn((await withSubject(me.email, 2, RECOVERY))[0]?.text ?? '');
      await ask({ device: me.device, email: me.email });
      const second = codeIn((await withSubject(me.email, 3, RECOVERY))[1]?.text ?? '');
      expect((await confirm({ device: me.device, code: first, newPassword: NEW_PASSWORD })).status).toBe(401);

      clockOffset += 31 * 60_000;
      try {
        const late = await confirm({ device: me.device, code: second, newPassword: NEW_PASSWORD });
        expect(late.status).toBe(401);
        expect(late.body.error.code).toBe('INVALID_CODE');
      } finally {
        clockOffset -= 31 * 60_000;
      }

      await ask({ device: me.device, email: me.email });
      const third = codeIn((await withSubject(me.email, 4, RECOVERY))[2]?.text ?? '');
      const wrong = third === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA';
      for (let i = 0; i < 5; i += 1) expect((await confirm({ device: me.device, code: wrong, newPassword: NEW_PASSWORD })).status).toBe(401);
      expect((await confirm({ device: me.device, code: third, newPassword: NEW_PASSWORD })).status).toBe(401);
      expect((await client.lookup(me.device)).status).toBe(200);
    });

    it('applies the lookup lockout to confirm: after LOOKUP_MAX_FAILURES tries even the right code is 429', async () => {
      const me = await client.register();
      await ask({ device: me.device, email: me.email });
      const code = codeIn((await withSubject(me.email, 2, RECOVERY))[0]?.text ?? '');
      // The code itself dies after 5 wrong tries; the device keys count on (LOOKUP_MAX_FAILURES is 20 here).
      for (let i = 0; i < 20; i += 1) expect((await confirm({ device: me.device, code: 'ZZZZ-ZZZZ', newPassword: NEW_PASSWORD })).status).toBe(401);
      const locked = await confirm({ device: me.device, code, newPassword: NEW_PASSWORD });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await client.lookup(me.device)).status).toBe(429);
    });

    it('refuses bad bodies with 4xx, storing and mailing nothing', async () => {
      const me = await client.register();
      await mailsTo(me.email, 1);
      const before = await storedRowCounts(suite.database);
      for (const body of [{}, { device: me.device }, { device: me.device, email: 42 }, { device: 'pc', email: me.email }, { device: me.device, email: 'x'.repeat(300) }]) {
        const response = await ask(body);
        expect(response.status, JSON.stringify(body)).toBe(422);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
      expect((await request(url(), 'POST', '/api/v1/recovery', { raw: '[1]', headers: { 'content-type': 'application/json' } })).status).toBe(400);
      expect((await request(url(), 'POST', '/api/v1/recovery', { raw: JSON.stringify({ device: me.device, email: 'a'.repeat(70_000) }), headers: { 'content-type': 'application/json' } })).status).toBe(413);
      for (const body of [{ device: me.device, code: 'ABCD-EFGH' }, { device: me.device, code: 5, newPassword: NEW_PASSWORD }, { device: me.device, code: 'ABCD-EFGH', newPassword: 'short' }]) {
        expect((await confirm(body)).status).toBe(422);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(suite.sink.to(me.email)).toHaveLength(1);
      expect(await storedRowCounts(suite.database)).toEqual(before);
    });
  });

  describe("the owner's own data", () => {
    it('releases a device: its token ends, someone else registers it (201), the release is mailed', async () => {
      const me = await client.signIn();
      const added = await request(url(), 'POST', `/api/v1/registrations/${me.number}/devices`, { token: me.token, body: { requestId: crypto.randomUUID(), device: printer() } });
      expect(added.status).toBe(201);
      const released = await request<{ releasedAt: string } & ErrorResponse>(url(), 'DELETE', `/api/v1/registrations/${me.number}/devices/${me.deviceId}`, { token: me.token });
      expect(released.status).toBe(200);
      expect(Date.parse(released.body.releasedAt)).toBeGreaterThan(0);
      const afterwards = await request<ErrorResponse>(url(), 'GET', `/api/v1/registrations/${me.number}/export`, { token: me.token });
      expect(afterwards.status).toBe(401);
      const buyer = await request(url(), 'POST', '/api/v1/registrations', { body: newRegistration({ device: me.device, customer: customer({ email: uniqueEmail() }) }) });
      expect(buyer.status).toBe(201);
      const mails = await mailsTo(me.email, 3);
      expect(mails.map((mail) => mail.subject)).toEqual(expect.arrayContaining(['製品登録が完了しました', '登録に機器が追加されました', '機器の登録を解除しました']));
    });

    it('answers 404 for a device the registration does not hold, 401/403 as PATCH does', async () => {
      const me = await client.signIn();
      const other = await client.signIn();
      expect((await request(url(), 'DELETE', `/api/v1/registrations/${me.number}/devices/${other.deviceId}`, { token: me.token })).status).toBe(404);
      expect((await request(url(), 'DELETE', `/api/v1/registrations/${me.number}/devices/nope`, { token: me.token })).status).toBe(404);
      expect((await request(url(), 'DELETE', `/api/v1/registrations/${other.number}/devices/${other.deviceId}`, { token: me.token })).status).toBe(403);
      expect((await request(url(), 'DELETE', `/api/v1/registrations/${me.number}/devices/${me.deviceId}`)).status).toBe(401);
      expect((await request(url(), 'GET', `/api/v1/registrations/${me.number}/export`, { token: 'forged' })).status).toBe(401);
      expect((await request(url(), 'DELETE', `/api/v1/registrations/${other.number}`, { token: me.token })).status).toBe(403);
      expect((await client.lookup(other.device)).status).toBe(200);
    });

    it('exports everything held: customer, devices (released too), consents, events', async () => {
      const me = await client.signIn({ locale: 'en' });
      const second = printer();
      await request(url(), 'POST', `/api/v1/registrations/${me.number}/devices`, { token: me.token, body: { requestId: crypto.randomUUID(), device: second } });
      const secondId = (await client.lookup(me.device)).body.devices[1]?.id ?? '';
      await request(url(), 'DELETE', `/api/v1/registrations/${me.number}/devices/${secondId}`, { token: me.token });
      const exported = await request<RegistrationExport>(url(), 'GET', `/api/v1/registrations/${me.number}/export`, { token: me.token });
      expect(exported.status).toBe(200);
      expect(exported.body.registrationNumber).toBe(me.number);
      expect(exported.body.locale).toBe('en');
      expect(exported.body.customer).toEqual(customer({ email: me.email }));
      expect(exported.body.devices).toHaveLength(2);
      expect(exported.body.devices[0]).toMatchObject({ id: me.deviceId, kind: 'pc', serial: me.device.serial, hardwareUuid: me.device.hardwareUuid });
      expect(exported.body.devices[0]?.releasedAt).toBeUndefined();
      expect(exported.body.devices[1]).toMatchObject({ id: secondId, kind: 'printer', serial: second.serial });
      expect(exported.body.devices[1]?.releasedAt).toBeDefined();
      expect(exported.body.consents).toEqual([{ privacyPolicyVersion: '2026-01', at: expect.any(String) as unknown }]);
      expect(exported.body.events.map((event) => event.action)).toEqual(['registered', 'device_added', 'device_released', 'exported']);
      expect(JSON.stringify(exported.body.events)).not.toContain(me.email);
    });

    it('erases: tokens end, devices are free, the notice goes to the old address, the audit keeps no personal value', async () => {
      const me = await client.signIn();
      // Unsent mail of an erased registration is dropped with it: let the registered notice leave first.
      await mailsTo(me.email, 1);
      const erased = await request<{ erasedAt: string }>(url(), 'DELETE', `/api/v1/registrations/${me.number}`, { token: me.token });
      expect(erased.status).toBe(200);
      expect(Date.parse(erased.body.erasedAt)).toBeGreaterThan(0);
      expect((await request(url(), 'GET', `/api/v1/registrations/${me.number}/export`, { token: me.token })).status).toBe(401);
      expect((await client.lookup(me.device)).status).toBe(401);
      expect(await withSubject(me.email, 2, '登録情報を削除しました')).toHaveLength(1);
      expect((await request(url(), 'POST', '/api/v1/registrations', { body: newRegistration({ device: me.device }) })).status).toBe(201);
    });
  });

  describe('POST /api/v1/devices/status', () => {
    it('tells registered (with matchedOn), unregistered and not identifiable, in order', async () => {
      const a = await client.register();
      const b = await client.register({ device: printer() });
      const response = await request<DeviceStatusResponse>(url(), 'POST', '/api/v1/devices/status', {
        body: { devices: [{ ...a.device, serial: null }, { ...b.device, serial: ` ${b.device.serial?.toLowerCase()} ` }, pc(), printer({ serial: '123456789' })] },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        devices: [{ status: 'registered', matchedOn: 'hardwareUuid' }, { status: 'registered', matchedOn: 'serial' }, { status: 'unregistered' }, { status: 'not_identifiable' }],
      });
    });

    it('refuses 0 or 51 devices and bad types with 422', async () => {
      for (const body of [{ devices: [] }, { devices: Array.from({ length: 51 }, () => pc()) }, { devices: 'pc' }, { devices: [{ kind: 'toaster', vendor: 'x', source: 'usb' }] }]) {
        const response = await request<ErrorResponse>(url(), 'POST', '/api/v1/devices/status', { body });
        expect(response.status).toBe(422);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('transfers', () => {
    const startTransfer = async (owner?: { email?: string | null }) => {
      const registered = await client.register({ email: owner?.email });
      const asked = await request<TransferCreated>(url(), 'POST', '/api/v1/transfers', { body: { device: registered.device, locale: 'en' } });
      expect(asked.status).toBe(202);
      expect(Buffer.from(asked.body.transferId, 'base64url').length).toBeGreaterThanOrEqual(16);
      return { ...registered, transferId: asked.body.transferId };
    };
    const decisionLink = async (email: string) => {
      const [mail] = await withSubject(email, 2, '機器の譲渡の申請が届きました');
      const match = /(http:\/\/[^\s"<]+\/transfer\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
      if (!match?.[1]) throw new Error('no decision link');
      return match[1];
    };
    const openPage = async (link: string) => {
      const page = await fetch(link);
      const html = await page.text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { page, html, csrf, cookie };
    };
    const post = (link: string, fields: Record<string, string>, cookie?: string) =>
      fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(fields).toString() });
    const status = (id: string) => request<TransferStatus>(url(), 'GET', `/api/v1/transfers/${id}`);

    it('lets the owner approve on the page; the device is released and the requester registers it', async () => {
      const t = await startTransfer();
      expect((await status(t.transferId)).body).toEqual({ status: 'pending' });
      const link = await decisionLink(t.email);
      const { page, html, csrf, cookie } = await openPage(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      expect(html).toContain('<html lang="ja">');
      expect(html).toContain('value="approve"');
      expect(html).toContain('value="decline"');
      expect(html).not.toContain(t.device.serial ?? '');
      expect(html).not.toContain(t.email);
      expect((await fetch(`${link}?lang=en`).then((r) => r.text()))).toContain('<html lang="en">');

      const noCsrf = await post(link, { decision: 'approve' }, cookie);
      expect(noCsrf.status).toBe(403);
      const noCookie = await post(link, { decision: 'approve', csrf });
      expect(noCookie.status).toBe(403);
      expect((await status(t.transferId)).body.status).toBe('pending');

      const approved = await post(link, { decision: 'approve', csrf }, cookie);
      expect(approved.status).toBe(200);
      const after = await status(t.transferId);
      expect(after.body.status).toBe('approved');
      expect(Date.parse(after.body.decidedAt ?? '')).toBeGreaterThan(0);
      expect((await post(link, { decision: 'approve', csrf }, cookie)).status).toBe(410);
      expect((await fetch(link)).status).toBe(410);
      expect((await request(url(), 'POST', '/api/v1/registrations', { body: newRegistration({ device: t.device, customer: customer({ email: uniqueEmail() }) }) })).status).toBe(201);
      expect(await withSubject(t.email, 3, '機器の譲渡を承認しました')).toHaveLength(1);
    });

    it('keeps the device when the owner declines; unknown tokens and transfers are 410 / 404', async () => {
      const t = await startTransfer();
      const link = await decisionLink(t.email);
      const { csrf, cookie } = await openPage(link);
      expect((await post(link, { decision: 'decline', csrf }, cookie)).status).toBe(200);
      expect((await status(t.transferId)).body.status).toBe('declined');
      expect((await client.lookup(t.device)).status).toBe(200);
      expect((await fetch(`${url()}/transfer/${'x'.repeat(43)}`)).status).toBe(410);
      expect((await post(`${url()}/transfer/${'x'.repeat(43)}`, { decision: 'approve', csrf }, cookie)).status).toBe(410);
      expect((await status('no-such-transfer')).status).toBe(404);
    });

    it('makes the owner link stale after TRANSFER_OWNER_DAYS (410), leaving the request pending for operators', async () => {
      const t = await startTransfer();
      const link = await decisionLink(t.email);
      clockOffset += 15 * 86_400_000;
      try {
        expect((await fetch(link)).status).toBe(410);
        expect((await status(t.transferId)).body.status).toBe('pending');
      } finally {
        clockOffset -= 15 * 86_400_000;
      }
    });

    it('sends a request without owner e-mail to operators, who decide it (support only, reason 3–500, decidedBy)', async () => {
      const support = await createTestToken(suite.database, 'support', `support-${crypto.randomUUID().slice(0, 8)}`);
      const viewer = await createTestToken(suite.database, 'viewer');
      const op = (method: string, path: string, token: string | undefined, body?: unknown) =>
        request<{ items: Array<{ transferId: string; status: string }> } & { transferId: string; status: string; decidedBy: string } & ErrorResponse>(suite.host.operatorUrl, method, `/operator/api/v1${path}`, { token, body });
      const withMail = await startTransfer();
      const noMail = await startTransfer({ email: null });
      const queue = await op('GET', '/transfers?status=pending', support);
      expect(queue.status).toBe(200);
      const ids = queue.body.items.map((item) => item.transferId);
      expect(ids).toContain(noMail.transferId);
      expect(ids).not.toContain(withMail.transferId);
      expect((await op('GET', '/transfers', viewer)).status).toBe(403);
      expect((await op('GET', '/transfers', undefined)).status).toBe(401);
      expect((await op('GET', '/transfers?status=nope', support)).status).toBe(422);
      const path = `/transfers/${noMail.transferId}/decision`;
      expect((await op('POST', path, support, { decision: 'approve', reason: 'ok' })).status).toBe(422);
      expect((await op('POST', path, viewer, { decision: 'approve', reason: 'buyer showed the receipt' })).status).toBe(403);
      expect((await status(noMail.transferId)).body.status).toBe('pending');
      const decided = await op('POST', path, support, { decision: 'approve', reason: 'buyer showed the receipt' });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ transferId: noMail.transferId, status: 'approved' });
      expect(decided.body.decidedBy).toMatch(/^support-/);
      expect((await status(noMail.transferId)).body.status).toBe('approved');
      expect((await op('POST', path, support, { decision: 'decline', reason: 'changed my mind' })).status).toBe(409);
      expect((await op('POST', '/transfers/unknown/decision', support, { decision: 'decline', reason: 'no such thing' })).status).toBe(404);
      expect((await client.lookup(noMail.device)).status).toBe(401);
      expect((await op('GET', '/transfers?status=approved', support)).body.items.map((item) => item.transferId)).toContain(noMail.transferId);
    });

    it('pages the operators\' queue with limit and cursor, oldest first, each transfer once, with the device asked for', async () => {
      const support = await createTestToken(suite.database, 'support');
      type Listed = { transferId: string; requestedAt: string; device?: { kind: string; serial: string | null } };
      const list = (query: string) => request<{ items: Listed[]; nextCursor: string | null } & ErrorResponse>(suite.host.operatorUrl, 'GET', `/operator/api/v1/transfers${query}`, { token: support });
      const mine: Array<{ transferId: string; serial: string | null | undefined }> = [];
      for (let index = 0; index < 3; index += 1) {
        const t = await startTransfer({ email: null });
        mine.push({ transferId: t.transferId, serial: t.device.serial });
      }
      const seen: Listed[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`?status=pending&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        if (page.body.nextCursor !== null) expect(page.body.items).toHaveLength(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 100);
      expect(pages).toBeGreaterThanOrEqual(2);
      const ids = seen.map((item) => item.transferId);
      expect(new Set(ids).size).toBe(ids.length);
      const at = seen.map((item) => Date.parse(item.requestedAt));
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(ids.filter((id) => mine.some((t) => t.transferId === id))).toEqual(mine.map((t) => t.transferId));
      const last = seen.find((item) => item.transferId === mine[2]?.transferId);
      expect(last?.device).toMatchObject({ kind: 'pc', serial: mine[2]?.serial });
      for (const query of ['?limit=0', '?limit=101', '?limit=two', '?cursor=not-a-cursor', `?cursor=${Buffer.from('[1,2]').toString('base64url')}`]) {
        const refused = await list(query);
        expect(refused.status, query).toBe(422);
        expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('refuses an unregistered device or a bad body with 422, storing and mailing nothing', async () => {
      const before = await storedRowCounts(suite.database);
      for (const body of [{ device: pc() }, {}, { device: pc(), locale: 'fr' }, { device: 7 }]) {
        const response = await request<ErrorResponse>(url(), 'POST', '/api/v1/transfers', { body });
        expect(response.status, JSON.stringify(body)).toBe(422);
      }
      expect(await storedRowCounts(suite.database)).toEqual(before);
    });
  });

  it('asks an update for the new consent once the policy version changed, and stores it', async () => {
    const me = await client.signIn();
    const newer = await startTestHost(suite.database, { ...ENV, SMTP_URL: suite.sink.url, PRIVACY_POLICY_VERSION: '2026-12' });
    try {
      const path = `/api/v1/registrations/${me.number}`;
      const refused = await request<ErrorResponse>(newer.url, 'PATCH', path, { token: me.token, body: { customer: customer({ email: me.email, address: '大阪府' }) } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('CONSENT_REQUIRED');
      const old = await request<ErrorResponse>(newer.url, 'PATCH', path, { token: me.token, body: { customer: customer({ email: me.email }), consent: { privacyPolicyVersion: '2026-01' } } });
      expect(old.status).toBe(422);
      const accepted = await request(newer.url, 'PATCH', path, { token: me.token, body: { customer: customer({ email: me.email, address: '大阪府' }), consent: { privacyPolicyVersion: '2026-12' } } });
      expect(accepted.status).toBe(200);
      const exported = await request<RegistrationExport>(newer.url, 'GET', `${path}/export`, { token: me.token });
      expect(exported.body.consents.map((consent) => consent.privacyPolicyVersion)).toEqual(['2026-01', '2026-12']);
      const later = await request(newer.url, 'PATCH', path, { token: me.token, body: { customer: customer({ email: me.email }) } });
      expect(later.status).toBe(200);
    } finally {
      await newer.close();
    }
  });
});

describe.each(variants)('TRANSFERS=off on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost(suite.database, { TRANSFERS: 'off' });
  });
  afterAll(async () => {
    await host.close();
  });

  it('answers 404 on every transfer path and says transfers: false (and recovery: false without mail)', async () => {
    const form = await request<FormSettings>(host.url, 'GET', '/api/v1/form');
    expect(form.body).toMatchObject({ transfers: false, recovery: false });
    expect((await request(host.url, 'POST', '/api/v1/transfers', { body: { device: pc() } })).status).toBe(404);
    expect((await request(host.url, 'GET', '/api/v1/transfers/abc')).status).toBe(404);
    expect((await request(host.url, 'PUT', '/api/v1/transfers')).status).toBe(404);
    expect((await fetch(`${host.url}/transfer/${'x'.repeat(43)}`)).status).toBe(404);
    const recovery = await request<ErrorResponse>(host.url, 'POST', '/api/v1/recovery', { body: { device: pc(), email: 'a@example.jp' } });
    expect(recovery.status).toBe(503);
    expect(recovery.body.error.code).toBe('RECOVERY_UNAVAILABLE');
  });
});
