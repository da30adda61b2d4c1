import crypto from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import type { HostDatabase } from '../db/schema';
import { findOpenSession, endSession, touchSession } from '../repositories/operator-sessions-repository';
import { findActiveToken } from '../repositories/operator-tokens-repository';
import { hashOperatorSecret } from '../security/operator-secrets';
import { parseRole, roleAtLeast, type OperatorPrincipal, type OperatorRole } from '../services/operator-roles';
import { ApiError } from './api-error';

/** The console's session cookie. */
export const SESSION_COOKIE = 'operator_session';
/** Header a browser session sends with every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/** What the operator authentication needs. */
export interface OperatorAuthDeps {
  db: Kysely<HostDatabase>;
  hashKey: Uint8Array;
  idleMinutes: number;
  now: () => number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** The session cookie's value, if the request carries one. */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  return header === undefined ? undefined : parseCookie(header)[SESSION_COOKIE];
}

async function principalFromToken(deps: OperatorAuthDeps, token: string): Promise<OperatorPrincipal | null> {
  const row = await findActiveToken(deps.db, hashOperatorSecret(deps.hashKey, token), deps.now());
  const role = parseRole(row?.role);
  return row && role ? { name: row.name, role, via: 'token' } : null;
}

async function principalFromSession(deps: OperatorAuthDeps, sessionId: string): Promise<OperatorPrincipal | null> {
  const idHash = hashOperatorSecret(deps.hashKey, sessionId);
  const row = await findOpenSession(deps.db, idHash);
  if (!row) return null;
  const now = deps.now();
  const role = parseRole(row.role);
  if (role === null || now >= row.expires_at || now - row.last_seen_at >= deps.idleMinutes * 60_000) {
    await endSession(deps.db, idHash, now);
    return null;
  }
  await touchSession(deps.db, idHash, now);
  return { name: row.name, role, via: 'oidc', subject: row.subject, csrfToken: row.csrf_token };
}

/**
 * Authenticates every operator API request: a bearer token, else the session cookie (whose
 * state-changing requests must carry the CSRF header). Nothing is cached: revocation and sign-out
 * take effect at once on every host process.
 */
export function authenticateOperator(deps: OperatorAuthDeps): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.get('authorization');
    let principal: OperatorPrincipal | null = null;
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(authorization);
      principal = match?.[1] ? await principalFromToken(deps, match[1]) : null;
    } else {
      const sessionId = sessionCookieOf(req);
      if (sessionId !== undefined && sessionId.length <= 512) principal = await principalFromSession(deps, sessionId);
      if (principal?.csrfToken !== undefined && !SAFE_METHODS.has(req.method) && !sameSecret(req.get(CSRF_HEADER) ?? '', principal.csrfToken)) {
        throw new ApiError('FORBIDDEN', `state-changing requests of a browser session need the ${CSRF_HEADER} header from /me`);
      }
    }
    if (principal === null) throw new ApiError('UNAUTHENTICATED', 'sign in, or send Authorization: Bearer <token>');
    res.locals.principal = principal;
    next();
  };
}

/** The caller authenticated by authenticateOperator. */
export function principalOf(res: Response): OperatorPrincipal {
  const principal = res.locals.principal as OperatorPrincipal | undefined;
  if (principal === undefined) throw new ApiError('UNAUTHENTICATED', 'sign in, or send Authorization: Bearer <token>');
  return principal;
}

/** Refuses callers below `role` with 403 FORBIDDEN. */
export function requireRole(role: OperatorRole): RequestHandler {
  return (_req, res, next) => {
    if (!roleAtLeast(principalOf(res).role, role)) throw new ApiError('FORBIDDEN', `this needs the ${role} role`);
    next();
  };
}
