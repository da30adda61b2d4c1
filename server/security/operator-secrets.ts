import crypto from 'node:crypto';
import type { HostKeys } from './host-keys';

/** Prefix of program tokens, so a leaked one is recognisable (secret scanners, logs reviews). */
const TOKEN_PREFIX = 'op_';

/**
 * The HMAC key for operator tokens and session ids, derived (HKDF) from the host's request-hash key,
 * so every host process sharing DATA_DIR (or REQUEST_HASH_KEY) agrees and no new key file is needed.
 */
export function operatorHashKey(keys: Pick<HostKeys, 'requestHashKey'>): Uint8Array {
  return new Uint8Array(crypto.hkdfSync('sha256', keys.requestHashKey, new Uint8Array(0), 'operator-credentials-v1', 32));
}

/** The keyed hash stored for a token or session id (the value itself is never stored). */
export function hashOperatorSecret(key: Uint8Array, secret: string): string {
  return crypto.createHmac('sha256', key).update(secret).digest('base64url');
}

/** A new program token: 256 random bits. */
export function newOperatorToken(): string {
  return `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

/** A new random value for session ids, CSRF tokens, OIDC state (256 bits). */
export function newRandomSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
