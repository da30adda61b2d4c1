import { parse as parseCookie, serialize } from 'cookie';
import { Router, type Request, type Response } from 'express';
import { ApiError } from '../http/api-error';
import { methodNotAllowed } from '../http/error-middleware';
import { authenticateOperator, sessionCookieOf, SESSION_COOKIE, type OperatorAuthDeps } from '../http/operator-auth';
import { finishSignIn, oidcDiscovery, SESSION_MAX_MS, signOut, startSignIn, type SignInDeps } from '../services/operator-sign-in';
import type { ServiceDeps } from '../services/service-deps';

/** Binds a sign-in to the browser that started it (no one can finish another's sign-in). */
const SIGN_IN_COOKIE = 'operator_sign_in';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The console's sign-in routes: status, login (to the provider), callback, logout. */
export function operatorAuthRoutes(deps: ServiceDeps, auth: OperatorAuthDeps): Router {
  const router = Router();
  const discover = oidcDiscovery(deps.config);
  const signInDeps: SignInDeps = { db: deps.db, hashKey: auth.hashKey, config: deps.config, now: deps.now };
  const secure = !LOOPBACK.has(deps.config.operator.host);
  const cookie = (name: string, value: string, maxAgeSeconds: number) =>
    serialize(name, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds });
  const callbackUrlOf = (req: Request) => `${req.protocol}://${req.get('host') ?? ''}/auth/callback`;
  const requireOidc = () => {
    if (deps.config.operator.oidc === null) throw new ApiError('NOT_FOUND', 'sign-in is not configured on this host (OPERATOR_OIDC_ISSUER)');
  };
  const redirect = (res: Response, location: string, cookies: string[] = []) => {
    if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
    res.redirect(302, location);
  };

  router
    .route('/auth/status')
    .get((_req, res) => {
      res.status(200).json({ oidcConfigured: deps.config.operator.oidc !== null });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/auth/login')
    .get(async (req, res) => {
      requireOidc();
      const provider = await discover().catch(() => {
        throw new ApiError('SERVICE_UNAVAILABLE', 'the sign-in provider does not answer');
      });
      const { url, state } = await startSignIn(signInDeps, provider, callbackUrlOf(req));
      redirect(res, url, [cookie(SIGN_IN_COOKIE, state, 600)]);
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/auth/callback')
    .get(async (req, res) => {
      requireOidc();
      const bound = parseCookie(req.get('cookie') ?? '')[SIGN_IN_COOKIE];
      const callbackUrl = new URL(req.originalUrl, callbackUrlOf(req));
      const clearSignIn = cookie(SIGN_IN_COOKIE, '', 0);
      if (bound === undefined || bound !== callbackUrl.searchParams.get('state')) {
        redirect(res, '/?signin=failed', [clearSignIn]);
        return;
      }
      const provider = await discover().catch(() => {
        throw new ApiError('SERVICE_UNAVAILABLE', 'the sign-in provider does not answer');
      });
      const outcome = await finishSignIn(signInDeps, provider, callbackUrl);
      if (!outcome.ok) {
        redirect(res, `/?signin=${outcome.reason}`, [clearSignIn]);
        return;
      }
      redirect(res, '/', [clearSignIn, cookie(SESSION_COOKIE, outcome.sessionId, Math.floor(SESSION_MAX_MS / 1000))]);
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/auth/logout')
    .post(authenticateOperator(auth), async (req, res) => {
      const sessionId = sessionCookieOf(req);
      if (sessionId !== undefined) await signOut(signInDeps, sessionId);
      res.setHeader('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
      res.status(204).end();
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
