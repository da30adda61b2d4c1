import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sodium from 'libsodium-wrappers';
import type { HostConfig } from '../config';

/** The host's long-lived secrets; kept in the data folder (or configuration) so restarts and sibling hosts agree. */
export interface HostKeys {
  tokenSigningKey: Uint8Array;
  requestHashKey: Uint8Array;
  outboxSecretKey: Uint8Array;
  outboxPublicKey: Uint8Array;
}

/** Reads a 32-byte key file, creating it atomically (first writer wins) when absent. */
async function readOrCreateKey(file: string): Promise<Uint8Array> {
  try {
    return decodeKeyFile(await fs.readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = crypto.randomBytes(32);
  try {
    await fs.writeFile(file, `${fresh.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    return new Uint8Array(fresh);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeKeyFile(await fs.readFile(file, 'utf8'), file);
  }
}

function decodeKeyFile(text: string, file: string): Uint8Array {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== 32) throw new Error(`key file ${file} does not hold base64 of 32 bytes`);
  return new Uint8Array(bytes);
}

function fromConfig(value: string | undefined): Uint8Array | undefined {
  return value === undefined ? undefined : new Uint8Array(Buffer.from(value, 'base64'));
}

/** Loads every key from configuration, else from (or into) the data folder. */
export async function loadHostKeys(config: HostConfig): Promise<HostKeys> {
  await sodium.ready;
  const keyFile = (name: string) => path.join(config.dataDir, 'keys', name);
  const tokenSigningKey = fromConfig(config.keys.tokenSigningKey) ?? (await readOrCreateKey(keyFile('token-signing.key')));
  const requestHashKey = fromConfig(config.keys.requestHashKey) ?? (await readOrCreateKey(keyFile('request-hash.key')));
  const outboxSecretKey = fromConfig(config.keys.outboxSecretKey) ?? (await readOrCreateKey(keyFile('outbox-secret.key')));
  return { tokenSigningKey, requestHashKey, outboxSecretKey, outboxPublicKey: sodium.crypto_scalarmult_base(outboxSecretKey) };
}
