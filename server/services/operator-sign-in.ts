import * as oidc from 'openid-client';
import type { Kysely } from 'kysely';
import type { HostConfig } from '../config';
import type { HostDatabase } from '../db/schema';
import { deleteSignInsBefore, endSession, insertSession, insertSignIn, takeSignIn } from '../repositories/operator-sessions-repository';
import { hashOperatorSecret, newRandomSecret } from '../security/operator-secrets';
import { highestRole, type OperatorRole } from './operator-roles';

/** A sign-in not finished within this time is forgotten. */
const SIGN_IN_TTL_MS = 10 * 60_000;
/** A session ends this long after sign-in, however active (the idle timeout ends it sooner). */
export const SESSION_MAX_MS = 12 * 3_600_000;

/** What signing in needs: the store, the HMAC key of session ids, the OIDC settings. */
export interface SignInDeps {
  db: Kysely<HostDatabase>;
  hashKey: Uint8Array;
  config: HostConfig;
  now: () => number;
}

/** The outcome of a callback: a new session's cookie value, or why there is none. */
export type CallbackOutcome = { ok: true; sessionId: string; role: OperatorRole } | { ok: false; reason: 'norole' | 'failed' };

/** Provider metadata, discovered once per process (only metadata: every sign-in state is in the database). */
export function oidcDiscovery(config: HostConfig): () => Promise<oidc.Configuration> {
  let discovered: Promise<oidc.Configuration> | undefined;
  return () => {
    const settings = config.operator.oidc;
    if (settings === null) return Promise.reject(new Error('OpenID Connect is not configured'));
    const issuer = new URL(settings.issuer);
    const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
    discovered ??= oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, insecure).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
}

/** Starts a sign-in: stores state, nonce and PKCE verifier, returns the provider URL and the state. */
export async function startSignIn(deps: SignInDeps, provider: oidc.Configuration, redirectUri: string): Promise<{ url: string; state: string }> {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const now = deps.now();
  await deleteSignInsBefore(deps.db, now - SIGN_IN_TTL_MS);
  await insertSignIn(deps.db, { state, nonce, code_verifier: verifier, created_at: now });
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, state };
}

/** Finishes a sign-in: checks state, nonce and PKCE, reads the role claim, and opens a session in the database. */
export async function finishSignIn(deps: SignInDeps, provider: oidc.Configuration, callbackUrl: URL): Promise<CallbackOutcome> {
  const state = callbackUrl.searchParams.get('state');
  const pending = state === null ? undefined : await takeSignIn(deps.db, state);
  if (!pending || deps.now() - pending.created_at > SIGN_IN_TTL_MS) return { ok: false, reason: 'failed' };
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, { pkceCodeVerifier: pending.code_verifier, expectedState: pending.state, expectedNonce: pending.nonce });
    const idClaims = tokens.claims();
    if (!idClaims) return { ok: false, reason: 'failed' };
    claims = { ...idClaims };
    if (claims[deps.config.operator.roleClaim] === undefined) claims = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub)), ...claims };
  } catch {
    return { ok: false, reason: 'failed' };
  }
  const role = highestRole(claims[deps.config.operator.roleClaim]);
  if (role === null) return { ok: false, reason: 'norole' };
  const subject = String(claims.sub);
  const name = typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : subject;
  const sessionId = newRandomSecret();
  const now = deps.now();
  await insertSession(deps.db, {
    id_hash: hashOperatorSecret(deps.hashKey, sessionId),
    subject,
    name,
    role,
    csrf_token: newRandomSecret(),
    created_at: now,
    last_seen_at: now,
    expires_at: now + SESSION_MAX_MS,
  });
  return { ok: true, sessionId, role };
}

/** Signs out: the session ends in the database, so no host process accepts it again. */
export async function signOut(deps: SignInDeps, sessionId: string): Promise<void> {
  await endSession(deps.db, hashOperatorSecret(deps.hashKey, sessionId), deps.now());
}
