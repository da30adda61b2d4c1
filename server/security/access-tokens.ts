import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'registration-host';
const AUDIENCE = 'registration-update';

/** What a token is bound to: the registration, its token version, and the device it was issued for. */
export interface TokenGrant {
  registrationNumber: string;
  /** The registration's `token_version` at issue; a password change, recovery or erasure bumps it. */
  version: number;
  /** Public id of the device the lookup matched; releasing it ends the token. */
  deviceId: string;
}

/** Signed, short-lived bearer tokens; nothing is kept in memory, the host checks the grant against the database. */
export interface AccessTokens {
  issue(grant: TokenGrant): Promise<{ accessToken: string; expiresAt: string }>;
  /** The grant the token carries, or null when it is missing, forged or expired. */
  verify(token: string): Promise<TokenGrant | null>;
}

/** HS256 tokens under the host's signing key, which every host process shares. */
export function createAccessTokens(key: Uint8Array, ttlSeconds: number): AccessTokens {
  return {
    async issue(grant) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + ttlSeconds;
      const accessToken = await new SignJWT({ ver: grant.version, dev: grant.deviceId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(grant.registrationNumber)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .sign(key);
      return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
        const { sub, ver, dev } = payload;
        if (typeof sub !== 'string' || typeof ver !== 'number' || !Number.isInteger(ver) || typeof dev !== 'string') return null;
        return { registrationNumber: sub, version: ver, deviceId: dev };
      } catch {
        return null;
      }
    },
  };
}
