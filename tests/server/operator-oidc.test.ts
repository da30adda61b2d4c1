import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { newRegistration } from '../support/fixtures';
import { spawnHost } from '../support/host-process';
import { request } from '../support/http';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { startTestHost, TEST_HOST_ENV, type TestHost } from '../support/test-host';
import { openTestStore } from '../support/stored-rows';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('operator-oidc.test');

describe.each(variants)('operator sign-in with OpenID Connect on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let idp: TestOidcProvider;
  let host: TestHost;
  let registered: RegistrationCreated;

  const me = (cookie: string) => request<{ name: string; role: string; via: string; csrfToken?: string }>(host.operatorUrl, 'GET', '/operator/api/v1/me', { headers: { cookie } });

  beforeAll(async () => {
    idp = await startOidcProvider();
    host = await startTestHost(suite.database, { ...idp.hostEnv, OPERATOR_SESSION_IDLE_MINUTES: '5' });
    idp.allowRedirect(`${host.operatorUrl}/auth/callback`);
    registered = (await request<RegistrationCreated>(host.url, 'POST', '/api/v1/registrations', { body: newRegistration() })).body;
  });
  afterAll(async () => {
    await host.close();
    await idp.close();
  });

  it('signs a person in: the role comes from the claim, the session lives in an HttpOnly SameSite=Lax cookie', async () => {
    expect((await request(host.operatorUrl, 'GET', '/auth/status')).body).toEqual({ oidcConfigured: true });
    const login = await fetch(`${host.operatorUrl}/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    const support = await idp.signIn(host.operatorUrl, 'support');
    expect(support.location).toBe('/');
    expect(support.sessionCookie).toBeTruthy();
    const who = await me(`operator_session=${support.sessionCookie ?? ''}`);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ name: 'Sam Support', role: 'support', via: 'oidc' });
    expect(who.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const admin = await idp.signIn(host.operatorUrl, 'admin');
    expect((await me(`operator_session=${admin.sessionCookie ?? ''}`)).body.role).toBe('admin');
    const viewer = await idp.signIn(host.operatorUrl, 'viewer');
    expect((await me(`operator_session=${viewer.sessionCookie ?? ''}`)).body.role).toBe('viewer');
  });

  it('sets the cookie HttpOnly, SameSite=Lax, without Secure on a loopback listener', async () => {
    const setCookies: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await original(input, init);
      if ((input instanceof URL ? input.href : typeof input === 'string' ? input : input.url).includes('/auth/callback')) setCookies.push(...response.headers.getSetCookie());
      return response;
    };
    try {
      await idp.signIn(host.operatorUrl, 'viewer');
    } finally {
      globalThis.fetch = original;
    }
    const session = setCookies.find((line) => line.startsWith('operator_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
  });

  it('refuses a person without a role: back to /?signin=norole and no session', async () => {
    const db = openTestStore(suite.database);
    try {
      const before = (await db.selectFrom('operator_sessions').select('id_hash').execute()).length;
      const none = await idp.signIn(host.operatorUrl, 'none');
      expect(none.location).toBe('/?signin=norole');
      expect(none.sessionCookie).toBeNull();
      expect((await db.selectFrom('operator_sessions').select('id_hash').execute()).length).toBe(before);
    } finally {
      await db.destroy();
    }
  });

  it('needs the CSRF header on state-changing requests of a session (bearer tokens need none)', async () => {
    const { sessionCookie } = await idp.signIn(host.operatorUrl, 'support');
    const cookie = `operator_session=${sessionCookie ?? ''}`;
    const csrf = (await me(cookie)).body.csrfToken ?? '';
    const body = { customer: { address: '東京都港区1-1' }, reason: 'moved house' };
    const path = `/operator/api/v1/registrations/${registered.registrationNumber}`;
    const without = await request<{ error: { code: string } }>(host.operatorUrl, 'PATCH', path, { body, headers: { cookie } });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('FORBIDDEN');
    const wrong = await request(host.operatorUrl, 'PATCH', path, { body, headers: { cookie, 'x-csrf-token': `${csrf}x` } });
    expect(wrong.status).toBe(403);
    const right = await request<{ changed: boolean }>(host.operatorUrl, 'PATCH', path, { body, headers: { cookie, 'x-csrf-token': csrf } });
    expect(right.status).toBe(200);
    expect(right.body.changed).toBe(true);
    const detail = await request<{ events: Array<{ action: string; actor: { name?: string } }> }>(host.operatorUrl, 'GET', path, { headers: { cookie } });
    expect(detail.body.events.find((event) => event.action === 'operator_corrected')?.actor.name).toBe('support Sam Support');
  });

  it('signs out (CSRF checked): the session ends in the database', async () => {
    const { sessionCookie } = await idp.signIn(host.operatorUrl, 'viewer');
    const cookie = `operator_session=${sessionCookie ?? ''}`;
    const csrf = (await me(cookie)).body.csrfToken ?? '';
    expect((await request(host.operatorUrl, 'POST', '/auth/logout', { headers: { cookie } })).status).toBe(403);
    const out = await request(host.operatorUrl, 'POST', '/auth/logout', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((line) => /^operator_session=;/.test(line) && /Max-Age=0/.test(line))).toBe(true);
    expect((await me(cookie)).status).toBe(401);
  });

  it('ends an idle or expired session', async () => {
    const idle = await idp.signIn(host.operatorUrl, 'viewer');
    const expired = await idp.signIn(host.operatorUrl, 'viewer');
    const db = openTestStore(suite.database);
    try {
      const rows = await db.selectFrom('operator_sessions').selectAll().where('ended_at', 'is', null).orderBy('created_at', 'desc').limit(2).execute();
      expect(rows).toHaveLength(2);
      const [newest, older] = rows;
      // The idle clock: 5 minutes here; the absolute lifetime: expires_at.
      await db.updateTable('operator_sessions').set({ last_seen_at: Date.now() - 6 * 60_000 }).where('id_hash', '=', older?.id_hash ?? '').execute();
      await db.updateTable('operator_sessions').set({ expires_at: Date.now() - 1 }).where('id_hash', '=', newest?.id_hash ?? '').execute();
      expect((await me(`operator_session=${idle.sessionCookie ?? ''}`)).status).toBe(401);
      expect((await me(`operator_session=${expired.sessionCookie ?? ''}`)).status).toBe(401);
      const ended = await db.selectFrom('operator_sessions').select('ended_at').where('id_hash', 'in', [older?.id_hash ?? '', newest?.id_hash ?? '']).execute();
      expect(ended.every((row) => row.ended_at !== null)).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('keeps sessions across a host restart, and a second host process on the same store accepts them', async () => {
    const { sessionCookie } = await idp.signIn(host.operatorUrl, 'support');
    const cookie = `operator_session=${sessionCookie ?? ''}`;
    const restarted = await startTestHost(suite.database, idp.hostEnv);
    try {
      const again = await request<{ role: string }>(restarted.operatorUrl, 'GET', '/operator/api/v1/me', { headers: { cookie } });
      expect(again.status).toBe(200);
      expect(again.body.role).toBe('support');
    } finally {
      await restarted.close();
    }
    if (variant.kind !== 'postgres') return;
    const child = await spawnHost({ ...TEST_HOST_ENV, PORT: '0', DATABASE_URL: suite.database.url, DATA_DIR: suite.database.dataDir, ...idp.hostEnv });
    try {
      const other = await request<{ role: string; via: string }>(child.operatorUrl, 'GET', '/operator/api/v1/me', { headers: { cookie } });
      expect(other.status).toBe(200);
      expect(other.body).toMatchObject({ role: 'support', via: 'oidc' });
    } finally {
      child.child.kill('SIGTERM');
      expect(await child.exited).toBe(0);
    }
  });
});
