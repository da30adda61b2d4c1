import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'registration-host';
const AUDIENCE = 'registration-update';

/** Signed, short-lived bearer tokens bound to one registration number; nothing is kept in memory. */
export interface AccessTokens {
  issue(registrationNumber: string): Promise<{ accessToken: string; expiresAt: string }>;
  /** The registration number the token is bound to, or null when it is missing, forged or expired. */
  verify(token: string): Promise<string | null>;
}

/** HS256 tokens under the host's signing key, which every host process shares. */
export function createAccessTokens(key: Uint8Array, ttlSeconds: number): AccessTokens {
  return {
    async issue(registrationNumber) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + ttlSeconds;
      const accessToken = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(registrationNumber)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .sign(key);
      return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    },
  };
}
