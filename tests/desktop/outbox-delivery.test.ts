import { describe, expect, it } from 'vitest';
import axios from 'axios';
import type { OutboxEvent } from '../../electron/outbox/outbox';
import { sealRegistration } from '../../electron/outbox/seal';
import { useCleanups } from '../support/use-cleanups';
import { openRecordedOutbox } from './support/open-outbox';
import { countRows, freePort, lossyProxy, outboxKeyPair, pcIdentity, registrationBody, startOutboxHost, tempDir, waitFor, PERSONAL } from './support/outbox-fixtures';

const cleanups = useCleanups();

async function openOutbox(hostUrl: string, events: OutboxEvent[], log: string[] = [], dataDir?: string) {
  return openRecordedOutbox(cleanups, { dataDir: dataDir ?? (await tempDir('delivery')), hostUrl, timeoutMs: 3000, backoff: { baseMs: 40, maxMs: 160 }, events, log });
}

function host(keys: { secret: string }, options: { port?: number; env?: Record<string, string> } = {}) {
  return startOutboxHost(cleanups, keys, options);
}

describe('background sender against the real host', () => {
  it('host down for several attempts, then up: exactly one registration and the number delivered', async () => {
    const keys = await outboxKeyPair();
    const port = await freePort();
    const events: OutboxEvent[] = [];
    const log: string[] = [];
    const outbox = await openOutbox(`http://127.0.0.1:${port}`, events, log);
    const entry = await outbox.add(registrationBody(), keys.public);
    outbox.start();
    await waitFor(async () => ((await outbox.list())[0]?.attempts ?? 0) >= 3, 'three failed attempts');
    const waiting = (await outbox.list())[0];
    expect(waiting).toMatchObject({ status: 'pending', error: { code: 'HOST_UNREACHABLE' } });
    expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThan(Date.parse(entry.createdAt));

    const running = await host(keys, { port });
    await waitFor(() => events.some((e) => e.type === 'delivered'), 'delivery after the host came up');
    const delivered = events.find((e) => e.type === 'delivered');
    expect(delivered?.type === 'delivered' && delivered.entry.registrationNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [final] = await outbox.list();
    expect(final).toMatchObject({ id: entry.id, status: 'delivered', nextAttemptAt: null });
    expect(final?.attempts).toBeGreaterThanOrEqual(4);
    expect(countRows(running.dbFile, 'registrations')).toBe(1);
    expect(countRows(running.dbFile, 'devices')).toBe(1);
    expect(events.filter((e) => e.type === 'changed').at(-1)).toEqual({ type: 'changed', pending: 0 });
    // Log lines carry ids and codes, never the customer's details.
    expect(log.join('\n')).toMatch(/HOST_UNREACHABLE/);
    for (const value of Object.values(PERSONAL)) expect(log.join('\n')).not.toContain(value);
    // Once settled the sender stops: no more attempts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await outbox.list())[0]?.attempts).toBe(final?.attempts);
  });

  it('response lost after the host committed: the retry returns the same number, one registration', async () => {
    const keys = await outboxKeyPair();
    const running = await host(keys);
    const proxy = await lossyProxy(running.url);
    cleanups.push(() => proxy.close());
    const events: OutboxEvent[] = [];
    const outbox = await openOutbox(proxy.url, events);
    const entry = await outbox.add(registrationBody(), keys.public);
    proxy.armDrop();

    const afterLoss = await outbox.retryNow();
    expect(afterLoss[0]).toMatchObject({ status: 'pending', attempts: 1, error: { code: 'HOST_UNREACHABLE' } });
    await waitFor(() => proxy.lostResponses.length === 1, 'the lost response captured');
    const lost = /"registrationNumber":"([0-9A-Z-]+)"/.exec(proxy.lostResponses[0] ?? '');
    expect(proxy.lostResponses[0]).toMatch(/^HTTP\/1\.1 201/);
    expect(countRows(running.dbFile, 'registrations')).toBe(1); // committed, though the app never heard

    const afterRetry = await outbox.retryNow();
    expect(afterRetry[0]).toMatchObject({ id: entry.id, status: 'delivered', attempts: 2, registrationNumber: lost?.[1] });
    expect(countRows(running.dbFile, 'registrations')).toBe(1);
    expect(countRows(running.dbFile, 'devices')).toBe(1);
  });

  it('409: a device registered meanwhile settles as duplicate, with what matched', async () => {
    const keys = await outboxKeyPair();
    const running = await host(keys);
    const events: OutboxEvent[] = [];
    const outbox = await openOutbox(running.url, events);
    const device = pcIdentity();
    const direct = registrationBody(device);
    expect((await axios.post(`${running.url}/api/v1/registrations`, direct)).status).toBe(201);
    await outbox.add(registrationBody(device), keys.public);
    const [entry] = await outbox.retryNow();
    expect(entry).toMatchObject({ status: 'duplicate', error: { code: 'DEVICE_ALREADY_REGISTERED' } });
    expect(entry?.error?.matchedOn).toMatch(/serial|hardwareUuid/);
    expect(events.map((e) => e.type)).toContain('duplicate');
    expect(countRows(running.dbFile, 'registrations')).toBe(1);
  });

  it('422: an outdated consent is rejected with its reason and not retried', async () => {
    const keys = await outboxKeyPair();
    const running = await host(keys);
    const events: OutboxEvent[] = [];
    const outbox = await openOutbox(running.url, events);
    outbox.start();
    await outbox.add(registrationBody(pcIdentity(), '1999-01'), keys.public);
    await waitFor(() => events.some((e) => e.type === 'rejected'), 'rejection');
    const [entry] = await outbox.list();
    expect(entry).toMatchObject({ status: 'rejected', attempts: 1, nextAttemptAt: null, error: { code: 'CONSENT_REQUIRED' } });
    expect(countRows(running.dbFile, 'registrations')).toBe(0);
  });

  it('422 SEALED_UNREADABLE when sealed to another key', async () => {
    const keys = await outboxKeyPair();
    const stranger = await outboxKeyPair();
    const running = await host(keys);
    const outbox = await openOutbox(running.url, []);
    await outbox.add(registrationBody(), stranger.public);
    const [entry] = await outbox.retryNow();
    expect(entry).toMatchObject({ status: 'rejected', error: { code: 'SEALED_UNREADABLE' } });
  });

  it('429: honours Retry-After before the next attempt', async () => {
    const keys = await outboxKeyPair();
    const running = await host(keys, { env: { RATE_LIMIT_PER_MINUTE: '1' } });
    const other = { sealed: await sealRegistration(registrationBody(), keys.public) };
    expect((await axios.post(`${running.url}/api/v1/registrations/sealed`, other)).status).toBe(201);
    const outbox = await openOutbox(running.url, []);
    await outbox.add(registrationBody(), keys.public);
    const before = Date.now();
    const [entry] = await outbox.retryNow();
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, error: { code: 'TOO_MANY_REQUESTS' } });
    const retryAfter = entry?.error?.retryAfterSeconds ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    // The backoff alone would be under 160 ms; Retry-After pushes the next attempt out.
    expect(Date.parse(entry?.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(before + retryAfter * 1000 - 1000);
    expect(countRows(running.dbFile, 'registrations')).toBe(1);
  });
});
