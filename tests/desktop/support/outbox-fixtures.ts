import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import sodium from 'libsodium-wrappers';
import type { DeviceIdentity, NewRegistrationRequest } from '../../../protocol';
import { startTestHost as startServerTestHost, type TestHost } from '../../support/test-host';
import type { Cleanups } from '../../support/use-cleanups';
import { freePort } from '../../support/free-port';

/** A port with nothing listening (bound, then released): the host suites' own helper. */
export { freePort };

/** Personal information distinctive enough to search the outbox bytes for. */
export const PERSONAL = {
  name: 'Hanako Outboxtest',
  nameKana: 'ハナコ アウトボックス',
  email: 'hanako.outboxtest@example.jp',
  phone: '03-5555-0199',
  postalCode: '150-0002',
  address: '東京都渋谷区渋谷9-9-9 Outbox Tower',
  country: 'JP',
} as const;
export const PASSWORD = 'Sekret-Outbox-Passw0rd';

/** A fresh temp folder per test. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `fbr-${prefix}-`));
}

/** A PC with a unique serial, as the scanner would read it. */
export function pcIdentity(): DeviceIdentity {
  return { kind: 'pc', vendor: 'Acme', model: 'Box 9', serial: `PCX${randomBytes(5).toString('hex').toUpperCase()}`, hardwareUuid: randomUUID(), source: 'firmware' };
}

/** The complete body POST /api/v1/registrations takes. */
export function registrationBody(device: DeviceIdentity = pcIdentity(), privacyPolicyVersion = '2026-01'): NewRegistrationRequest {
  return { requestId: randomUUID(), device, customer: { ...PERSONAL }, password: PASSWORD, consent: { privacyPolicyVersion } };
}

/** A host key pair as the build configuration would carry it (secret to the host, public to the app). */
export async function outboxKeyPair(): Promise<{ secret: string; public: string }> {
  await sodium.ready;
  const pair = sodium.crypto_box_keypair();
  return { secret: Buffer.from(pair.privateKey).toString('base64'), public: Buffer.from(pair.publicKey).toString('base64') };
}

/** The desktop suites' host: SQLite in `dataDir`, a generous rate limit and a short shutdown grace. */
export interface OutboxHostOptions {
  dataDir: string;
  outboxSecretKey?: string;
  port?: number;
  env?: Record<string, string>;
}

/** Starts the real host the way the server suites do, on SQLite, with its database file at hand. */
export async function startTestHost(options: OutboxHostOptions): Promise<TestHost & { dbFile: string }> {
  const dbFile = join(options.dataDir, 'registrations.sqlite');
  const env = {
    ...(options.outboxSecretKey ? { OUTBOX_SECRET_KEY: options.outboxSecretKey } : {}),
    RATE_LIMIT_PER_MINUTE: '100000',
    SHUTDOWN_GRACE_SECONDS: '1',
    ...options.env,
  };
  const host = await startServerTestHost({ url: `sqlite:${dbFile}`, dataDir: options.dataDir }, env, options.port);
  return Object.assign(host, { dbFile });
}

/** A host holding the secret half of `keys` (in a fresh folder unless given), closed after the test. */
export async function startOutboxHost(cleanups: Cleanups, keys: { secret: string }, options: Partial<OutboxHostOptions> = {}): Promise<TestHost & { dbFile: string }> {
  const running = await startTestHost({ dataDir: options.dataDir ?? (await tempDir('host')), outboxSecretKey: keys.secret, port: options.port, env: options.env });
  cleanups.push(() => running.close());
  return running;
}

/** Counts rows in the host's store, straight from the database file. */
export function countRows(dbFile: string, table: 'registrations' | 'devices'): number {
  const db = new SqliteDatabase(dbFile, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Polls until the check passes, or fails with the message. */
export async function waitFor(check: () => Promise<boolean> | boolean, message: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out: ${message}`);
}

/** Every file under a folder with its bytes, to search for personal information. */
export async function readAllFiles(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  // The app writes atomically (temp file, then rename): a temp file can vanish between readdir and
  // readFile. Then the whole folder is read again, so no file's final bytes are missed.
  for (let attempt = 0; ; attempt += 1) {
    try {
      const out: { path: string; bytes: Buffer }[] = [];
      for (const dirent of await readdir(dir, { withFileTypes: true, recursive: true })) {
        if (!dirent.isFile()) continue;
        const path = join(dirent.parentPath, dirent.name);
        out.push({ path, bytes: await readFile(path) });
      }
      return out;
    } catch (error) {
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * A TCP proxy in front of the real host that, when armed, forwards a request, lets the host
 * answer (so it has committed), then destroys the client's connection without relaying the answer.
 */
export async function lossyProxy(target: string): Promise<{ url: string; armDrop(): void; lostResponses: string[]; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  let dropNext = false;
  const lostResponses: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const drop = dropNext;
    let captured = Buffer.alloc(0);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (!drop) {
        client.write(chunk);
        return;
      }
      dropNext = false;
      captured = Buffer.concat([captured, chunk]);
      client.destroy();
    });
    upstream.on('end', () => client.end());
    client.on('close', () => {
      if (drop) setTimeout(() => upstream.destroy(), 200);
      else upstream.destroy();
    });
    upstream.on('close', () => {
      if (drop) lostResponses.push(captured.toString('utf8'));
      client.destroy();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    armDrop: () => {
      dropNext = true;
    },
    lostResponses,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
