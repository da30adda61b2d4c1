import sodium from 'libsodium-wrappers';
import type { NewRegistrationRequest } from '../../protocol';

const PUBLIC_KEY_BYTES = 32;

/** Decodes the host's outbox key (base64 of 32 bytes) or says plainly why it cannot be used. */
export function decodeOutboxPublicKey(base64: string): Uint8Array {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new Error('outbox public key is not base64');
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length !== PUBLIC_KEY_BYTES) throw new Error(`outbox public key must be ${PUBLIC_KEY_BYTES} bytes, got ${bytes.length}`);
  return new Uint8Array(bytes);
}

/**
 * Seals the complete `POST /api/v1/registrations` body to the host (crypto_box_seal), so the
 * personal information in it is never on disk in clear and only the host can open it.
 */
export async function sealRegistration(body: NewRegistrationRequest, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const key = decodeOutboxPublicKey(publicKeyBase64);
  const plain = new TextEncoder().encode(JSON.stringify(body));
  try {
    return Buffer.from(sodium.crypto_box_seal(plain, key)).toString('base64');
  } finally {
    plain.fill(0);
  }
}
