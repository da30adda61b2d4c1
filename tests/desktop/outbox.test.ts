import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sodium from 'libsodium-wrappers';
import { DEFAULT_FIELD_POLICIES } from '../../protocol';
import { backoffDelayMs, parseRetryAfterMs } from '../../electron/outbox/backoff';
import type { OutboxEvent } from '../../electron/outbox/outbox';
import { FormCache } from '../../electron/outbox/form-cache';
import { useCleanups } from '../support/use-cleanups';
import { openRecordedOutbox } from './support/open-outbox';
import { outboxKeyPair, PASSWORD, PERSONAL, readAllFiles, registrationBody, startOutboxHost, tempDir, countRows, freePort } from './support/outbox-fixtures';

const cleanups = useCleanups();

function openOutbox(dataDir: string, hostUrl: string, events: OutboxEvent[] = [], log: string[] = []) {
  return openRecordedOutbox(cleanups, { dataDir, hostUrl, timeoutMs: 2000, backoff: { baseMs: 30, maxMs: 120 }, events, log });
}

describe('outbox on disk', () => {
  it('survives a restart of the app process and delivers from the new instance', async () => {
    const dataDir = await tempDir('restart');
    const hostDir = await tempDir('restart-host');
    const keys = await outboxKeyPair();
    const port = await freePort();
    const hostUrl = `http://127.0.0.1:${port}`;

    const first = await openOutbox(dataDir, hostUrl);
    const body = registrationBody();
    const entry = await first.add(body, keys.public);
    await first.retryNow(); // host down: stays pending
    await first.stop();

    const events: OutboxEvent[] = [];
    const second = await openOutbox(dataDir, hostUrl, events);
    const listed = await second.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: entry.id, requestId: body.requestId, status: 'pending', attempts: 1, device: { kind: 'pc', vendor: 'Acme', model: 'Box 9' } });

    const host = await startOutboxHost(cleanups, keys, { dataDir: hostDir, port });
    const after = await second.retryNow();
    expect(after[0]).toMatchObject({ id: entry.id, status: 'delivered', attempts: 2 });
    expect(after[0]?.registrationNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(events.some((e) => e.type === 'delivered' && e.entry.registrationNumber === after[0]?.registrationNumber)).toBe(true);
    expect(countRows(host.dbFile, 'registrations')).toBe(1);
    // The sealed body is gone once settled; the metadata stays so the wizard can show the number.
    expect(await readdir(join(dataDir, 'outbox', entry.id))).toEqual(['meta.json']);
  });

  it('keeps no personal information in clear: the bytes of every file are searched', async () => {
    const dataDir = await tempDir('pii');
    const keys = await outboxKeyPair();
    const outbox = await openOutbox(dataDir, `http://127.0.0.1:${await freePort()}`);
    const body = registrationBody();
    await outbox.add(body, keys.public);
    const other = registrationBody();
    await outbox.add(other, keys.public);
    await outbox.retryNow();
    const files = await readAllFiles(dataDir);
    expect(files.length).toBeGreaterThanOrEqual(4);
    const secrets = [PERSONAL.name, PERSONAL.nameKana, PERSONAL.email, PERSONAL.phone, PERSONAL.postalCode, PERSONAL.address, PASSWORD, 'Outboxtest', 'Outbox Tower', '渋谷'];
    for (const file of files) {
      for (const secret of secrets) {
        expect(file.bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file.path}`).toBe(false);
        expect(file.bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file.path}`).toBe(false);
      }
      // Not even base64 of the clear JSON, in case something stored it encoded instead of sealed.
      expect(file.bytes.toString('utf8')).not.toContain(Buffer.from(PERSONAL.email).toString('base64').slice(0, 16));
    }
    // ...and the sealed file opens, with the host's secret key, to exactly the body.
    const sealedFile = files.find((f) => f.path.endsWith('sealed.json'));
    const sealed = JSON.parse(sealedFile?.bytes.toString('utf8') ?? '{}') as { sealed: string };
    await sodium.ready;
    const opened = sodium.crypto_box_seal_open(Buffer.from(sealed.sealed, 'base64'), Buffer.from(keys.public, 'base64'), Buffer.from(keys.secret, 'base64'));
    const decoded = JSON.parse(Buffer.from(opened).toString('utf8')) as { requestId: string };
    expect(decoded).toEqual(decoded.requestId === body.requestId ? body : other);
  });

  it('moves a corrupt entry aside with a log line and a notice, and never crashes', async () => {
    const dataDir = await tempDir('corrupt');
    const keys = await outboxKeyPair();
    const hostUrl = `http://127.0.0.1:${await freePort()}`;
    const first = await openOutbox(dataDir, hostUrl);
    const good = await first.add(registrationBody(), keys.public);
    const bad = await first.add(registrationBody(), keys.public);
    const badSealed = await first.add(registrationBody(), keys.public);
    await first.stop();
    await writeFile(join(dataDir, 'outbox', bad.id, 'meta.json'), '{"format":1,"id":');
    await writeFile(join(dataDir, 'outbox', badSealed.id, 'sealed.json'), Buffer.from([0xff, 0x00, 0x13]));
    await writeFile(join(dataDir, 'outbox', 'stray-file.tmp.json'), 'junk');
    await mkdir(join(dataDir, 'outbox', 'empty-dir'));

    const events: OutboxEvent[] = [];
    const log: string[] = [];
    const second = await openOutbox(dataDir, hostUrl, events, log);
    const listed = await second.list();
    const byStatus = (status: string) => listed.filter((e) => e.status === status);
    expect(byStatus('pending').map((e) => e.id)).toEqual([good.id]);
    expect(byStatus('quarantined')).toHaveLength(4);
    // The notice of an entry whose metadata was still readable keeps its device description.
    expect(byStatus('quarantined').find((e) => e.id.startsWith(badSealed.id))).toMatchObject({ device: { kind: 'pc', vendor: 'Acme' }, error: { code: 'OUTBOX_FAILED' } });
    expect(events.filter((e) => e.type === 'quarantined')).toHaveLength(4);
    expect(log.filter((line) => /unreadable .*moved to .*outbox-quarantine/.test(line))).toHaveLength(4);
    expect(log.join('\n')).toContain(`entry ${bad.id} is unreadable (metadata is not valid JSON)`);
    const quarantine = await readdir(join(dataDir, 'outbox-quarantine'));
    expect(quarantine.filter((name) => name.endsWith('.reason.txt'))).toHaveLength(4);
    expect(await readdir(join(dataDir, 'outbox'))).toEqual([good.id]);
    // A later pass still works and nothing is re-quarantined.
    await second.retryNow();
    expect(events.filter((e) => e.type === 'quarantined')).toHaveLength(4);
  });

  it('quarantines an entry whose sealed body goes bad while the app runs', async () => {
    const dataDir = await tempDir('corrupt-live');
    const keys = await outboxKeyPair();
    const events: OutboxEvent[] = [];
    const outbox = await openOutbox(dataDir, `http://127.0.0.1:${await freePort()}`, events);
    const entry = await outbox.add(registrationBody(), keys.public);
    await writeFile(join(dataDir, 'outbox', entry.id, 'sealed.json'), '{"format":1,"algorithm":"crypto_box_seal","publicKey":"x","sealed":"not base64!"}');
    const listed = await outbox.retryNow();
    expect(listed).toHaveLength(1);
    expect(listed[0]?.status).toBe('quarantined');
    expect(events.map((e) => e.type)).toContain('quarantined');
  });

  it('refuses a key that is not 32 bytes of base64, storing nothing', async () => {
    const dataDir = await tempDir('badkey');
    const outbox = await openOutbox(dataDir, 'http://127.0.0.1:1');
    await expect(outbox.add(registrationBody(), 'AAAA')).rejects.toThrow(/32 bytes/);
    await expect(outbox.add(registrationBody(), 'not base64 at all')).rejects.toThrow(/base64/);
    expect(await outbox.list()).toEqual([]);
  });
});

describe('backoff', () => {
  it('doubles with jitter between half and the whole step, capped', () => {
    const policy = { baseMs: 1000, maxMs: 8000, factor: 2 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('form cache', () => {
  it('prefers the cached host key, falls back to the build key, refuses junk', async () => {
    const dataDir = await tempDir('formcache');
    const built = await outboxKeyPair();
    const fromHost = await outboxKeyPair();
    const log: string[] = [];
    const cache = new FormCache({ dataDir, hostUrl: 'https://host.example', buildPublicKey: built.public, log: (l) => log.push(l) });
    expect(await cache.key()).toEqual({ publicKey: built.public, source: 'build' });
    const form = {
      privacyPolicy: { version: '2026-01', url: 'https://example.com/p' },
      fields: { ...DEFAULT_FIELD_POLICIES },
      passwordPolicy: { minLength: 8 },
      deviceKinds: ['pc' as const],
      outboxPublicKey: fromHost.public,
    };
    await cache.remember(form);
    expect(await cache.key()).toMatchObject({ publicKey: fromHost.public, source: 'host' });
    // Another host's cache is not used.
    const other = new FormCache({ dataDir, hostUrl: 'https://other.example', log: () => undefined });
    expect(await other.key()).toBeNull();
    await cache.remember({ ...form, outboxPublicKey: 'short' });
    expect(log.join('\n')).toMatch(/could not cache the host form/);
    expect((await cache.key())?.publicKey).toBe(fromHost.public);
    expect(JSON.parse(await readFile(join(dataDir, 'host-form.json'), 'utf8'))).toMatchObject({ format: 1, hostUrl: 'https://host.example' });
  });
});
