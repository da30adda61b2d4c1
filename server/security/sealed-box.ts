import sodium from 'libsodium-wrappers';

/** Opens crypto_box_seal payloads from the wizard's offline outbox; null when they cannot be opened. */
export function openSealed(sealedBase64: string, publicKey: Uint8Array, secretKey: Uint8Array): string | null {
  try {
    const trimmed = sealedBase64.trim();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) return null;
    const cipher = sodium.from_base64(trimmed, sodium.base64_variants.ORIGINAL);
    const plain = sodium.crypto_box_seal_open(cipher, publicKey, secretKey);
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

/** Seals a body for the host the way the wizard's outbox does (tests and tools use it). */
export async function sealFor(plainText: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const publicKey = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(plainText), publicKey), sodium.base64_variants.ORIGINAL);
}
