import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider v9) on loopback for tests: one confidential client,
 * PKCE required, and four users whose `roles` claim is viewer, support, admin or absent.
 *
 *   const idp = await startOidcProvider();
 *   // start the host with idp.hostEnv, then, once its operator URL is known:
 *   idp.allowRedirect(`${host.operatorUrl}/auth/callback`);
 *   const { sessionCookie } = await idp.signIn(host.operatorUrl, 'support');
 *   await idp.close();
 *
 * signIn drives the provider's development login and consent forms over HTTP with a cookie jar,
 * so a test signs in without a browser; Chromium tests can instead fill those forms (login = the
 * account id, any password).
 */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** OPERATOR_OIDC_* variables for a host that signs in here. */
  hostEnv: Record<string, string>;
  /** Registers a redirect URI of the client (call before the host's first sign-in). */
  allowRedirect(uri: string): void;
  /** Signs `account` in through the host's /auth/login; answers where the host's callback sent the browser and the session cookie it set. */
  signIn(operatorUrl: string, account: TestAccount): Promise<{ location: string; sessionCookie: string | null }>;
  close(): Promise<void>;
}

/** The provider's users: the account id is the role it holds (`none` holds no role). */
export type TestAccount = 'viewer' | 'support' | 'admin' | 'none';

const ACCOUNTS: Record<TestAccount, Record<string, unknown>> = {
  viewer: { name: 'Vera Viewer', roles: ['viewer'] },
  support: { name: 'Sam Support', roles: 'support' },
  admin: { name: 'Ada Admin', roles: ['viewer', 'admin'] },
  none: { name: 'Nora Nobody' },
};

/** Cookies by name, as a browser would keep them for one origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (pair === undefined || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** Starts the provider on 127.0.0.1, port 0. */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  const clientId = 'operator-console';
  const clientSecret = crypto.randomBytes(24).toString('base64url');
  const redirectUris: string[] = [];
  let provider: Provider | undefined;
  const server = http.createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end('call allowRedirect first');
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookieKey = crypto.randomBytes(32).toString('base64url');

  const build = () =>
    new Provider(issuer, {
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [...redirectUris], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
      findAccount: (_ctx, id) => {
        const claims = ACCOUNTS[id as TestAccount] as Record<string, unknown> | undefined;
        return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
      },
      claims: { openid: ['sub'], profile: ['name', 'roles'] },
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: [cookieKey] },
    });

  return {
    issuer,
    clientId,
    clientSecret,
    hostEnv: { OPERATOR_OIDC_ISSUER: issuer, OPERATOR_OIDC_CLIENT_ID: clientId, OPERATOR_OIDC_CLIENT_SECRET: clientSecret },
    allowRedirect(uri) {
      if (!redirectUris.includes(uri)) redirectUris.push(uri);
      provider = build();
    },
    async signIn(operatorUrl, account) {
      const hostJar = new CookieJar();
      const idpJar = new CookieJar();
      const login = await fetch(`${operatorUrl}/auth/login`, { redirect: 'manual' });
      hostJar.store(login);
      let location = login.headers.get('location');
      for (let hop = 0; hop < 20 && location !== null; hop += 1) {
        const url = new URL(location, issuer);
        if (url.origin !== issuer) {
          const callback = await fetch(url, { redirect: 'manual', headers: { cookie: hostJar.header() } });
          hostJar.store(callback);
          return { location: callback.headers.get('location') ?? '', sessionCookie: hostJar.get('operator_session') ?? null };
        }
        let response = await fetch(url, { redirect: 'manual', headers: { cookie: idpJar.header() } });
        idpJar.store(response);
        if (response.status === 200) {
          const page = await response.text();
          const action = /action="([^"]+)"/.exec(page)?.[1];
          const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
          if (!action || !prompt) throw new Error(`unexpected provider page at ${url.pathname}`);
          const form = new URLSearchParams(prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt });
          response = await fetch(new URL(action, issuer), { method: 'POST', redirect: 'manual', body: form, headers: { cookie: idpJar.header(), 'content-type': 'application/x-www-form-urlencoded' } });
          idpJar.store(response);
        }
        location = response.headers.get('location');
      }
      throw new Error('the sign-in did not come back to the host');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
