import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DeviceIdentity, IpcResult, OutboxEntry } from '../../protocol';
import { createOutboxHandlers } from '../../electron/handlers/outbox-handlers';
import { createLaunchHandlers } from '../../electron/handlers/launch-handlers';
import { createHostClient } from '../../electron/host-client/host-client';
import { FormCache } from '../../electron/outbox/form-cache';
import { withFormCache } from '../../electron/outbox/form-cache-host';
import { Outbox } from '../../electron/outbox/outbox';
import { LaunchController } from '../../electron/first-boot/launch-controller';
import { LaunchStateStore } from '../../electron/first-boot/launch-state-store';
import { useCleanups } from '../support/use-cleanups';
import { startSmtpSink } from '../support/smtp-sink';
import { countRows, freePort, outboxKeyPair, PASSWORD, PERSONAL, pcIdentity, registrationBody, startOutboxHost, tempDir } from './support/outbox-fixtures';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const cleanups = useCleanups();

/** The wizard's device registry, reduced to what the handlers use: ids from a scan only. */
function registry(devices: Record<string, DeviceIdentity>) {
  return {
    identity: (id: string): Promise<IpcResult<DeviceIdentity>> => {
      const found = devices[id];
      return Promise.resolve(found ? { ok: true, value: found } : { ok: false, error: { code: 'UNKNOWN_DEVICE', message: 'no device with this id was found by the scan' } });
    },
  };
}

async function setup(options: { hostUrl: string; buildPublicKey?: string }) {
  const dataDir = await tempDir('handlers');
  const forms = new FormCache({ dataDir, hostUrl: options.hostUrl, buildPublicKey: options.buildPublicKey, log: () => undefined });
  const outbox = await Outbox.open({ dataDir, hostUrl: options.hostUrl, backoff: { baseMs: 30, maxMs: 100 }, log: () => undefined });
  cleanups.push(() => outbox.stop());
  const launch = new LaunchController({ store: new LaunchStateStore(join(dataDir, 'launch-state.json')), autostart: null, log: () => undefined });
  const host = withFormCache(createHostClient({ baseUrl: options.hostUrl, retries: 0, timeoutMs: 2000 }), forms);
  const queued: OutboxEntry[] = [];
  const handlers = {
    ...createOutboxHandlers({
      devices: registry({ 'pc-1': pcIdentity() }),
      outbox,
      forms,
      fetchForm: () => host.getForm(),
      onQueued: async (entry) => {
        queued.push(entry);
        await launch.record({ type: 'outbox', pending: 1 });
      },
      log: () => undefined,
    }),
    ...createLaunchHandlers({ launch }),
  };
  return { handlers, host, outbox, forms, queued, launch, dataDir };
}

/** The mail language the host stored for a registration. */
function localeOf(dbFile: string, registrationNumber: string | undefined): string | undefined {
  const db = new SqliteDatabase(dbFile, { readonly: true });
  try {
    return (db.prepare('select locale from registrations where registration_number = ?').get(registrationNumber ?? '') as { locale: string } | undefined)?.locale;
  } finally {
    db.close();
  }
}

const arg = (overrides: Record<string, unknown> = {}) => ({ deviceId: 'pc-1', customer: { ...PERSONAL }, password: PASSWORD, privacyPolicyVersion: '2026-01', ...overrides });

describe('finishLater / getOutbox / retryOutbox handlers', () => {
  it('keeps a submission for later and delivers it once the host answers', async () => {
    const keys = await outboxKeyPair();
    const running = await startOutboxHost(cleanups, keys);
    const { handlers, host, queued, launch } = await setup({ hostUrl: running.url });
    expect((await host.getForm()).ok).toBe(true); // the wizard's form fetch refreshes the cache

    const saved = await handlers.finishLater(arg());
    expect(saved).toMatchObject({ ok: true, value: { status: 'pending', device: { kind: 'pc', vendor: 'Acme', model: 'Box 9' } } });
    expect(queued).toHaveLength(1);
    expect((await launch.current()).state).toBe('pending');
    expect(await handlers.getOutbox(undefined)).toMatchObject({ ok: true, value: [{ status: 'pending' }] });
    const retried = await handlers.retryOutbox(undefined);
    expect(retried).toMatchObject({ ok: true, value: [{ status: 'delivered' }] });
    expect(countRows(running.dbFile, 'registrations')).toBe(1);
  });

  it('carries the wizard\'s language to the host, so the confirmation mail of a kept registration is in it; old entries without one get the host\'s default', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const keys = await outboxKeyPair();
    const running = await startOutboxHost(cleanups, keys, { env: { SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1' } });
    const { handlers, host, outbox } = await setup({ hostUrl: running.url });
    await host.getForm();
    expect(await handlers.finishLater(arg({ locale: 'fr' }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    const saved = await handlers.finishLater(arg({ locale: 'en' }));
    expect(saved).toMatchObject({ ok: true, value: { status: 'pending' } });
    // An entry kept by an older build: its sealed body has no locale.
    await outbox.add(registrationBody(), keys.public);
    const delivered = await handlers.retryOutbox(undefined);
    const numbers = delivered.ok ? delivered.value.map((entry) => entry.registrationNumber) : [];
    expect(delivered.ok && delivered.value.map((entry) => entry.status)).toEqual(['delivered', 'delivered']);
    const kept = delivered.ok ? delivered.value.find((entry) => saved.ok && entry.id === saved.value.id)?.registrationNumber : undefined;
    const old = numbers.find((number) => number !== kept);

    const mails = await sink.waitFor(2);
    const subjectOf = (number: string | undefined) => mails.find((mail) => number !== undefined && (mail.text ?? '').includes(number))?.subject;
    expect(subjectOf(kept)).toBe('Your product is registered');
    expect(subjectOf(old)).toBe('製品登録が完了しました');
    expect(localeOf(running.dbFile, kept)).toBe('en');
    expect(localeOf(running.dbFile, old)).toBe('ja');
  });

  it('seals with the build key when the host was never reached', async () => {
    const keys = await outboxKeyPair();
    const { handlers } = await setup({ hostUrl: `http://127.0.0.1:${await freePort()}`, buildPublicKey: keys.public });
    expect(await handlers.finishLater(arg())).toMatchObject({ ok: true, value: { status: 'pending' } });
  });

  it('offers the form to fill in offline: the last host answer, else the build defaults sealed to the build key, else a clear refusal', async () => {
    const keys = await outboxKeyPair();
    const running = await startOutboxHost(cleanups, keys);
    const online = await setup({ hostUrl: running.url });
    const fresh = await online.host.getForm();
    expect(await online.handlers.getOfflineForm(undefined)).toEqual({ ok: true, value: { form: fresh.ok ? fresh.value : null, source: 'cache' } });

    const neverReached = await setup({ hostUrl: `http://127.0.0.1:${await freePort()}`, buildPublicKey: keys.public });
    expect(await neverReached.handlers.getOfflineForm(undefined)).toMatchObject({
      ok: true,
      value: { source: 'build', form: { outboxPublicKey: keys.public, privacyPolicy: { version: '2026-01' }, passwordPolicy: { minLength: 8 } } },
    });

    const noKey = await setup({ hostUrl: `http://127.0.0.1:${await freePort()}` });
    expect(await noKey.handlers.getOfflineForm(undefined)).toMatchObject({ ok: false, error: { code: 'OUTBOX_FAILED' } });
    expect(await noKey.handlers.getOfflineForm('unexpected')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses clearly when no key is known and the host cannot be reached', async () => {
    const { handlers, outbox } = await setup({ hostUrl: `http://127.0.0.1:${await freePort()}` });
    expect(await handlers.finishLater(arg())).toMatchObject({ ok: false, error: { code: 'OUTBOX_FAILED' } });
    expect(await outbox.list()).toEqual([]);
  });

  it('refuses unknown devices, malformed arguments and details the host would refuse, storing nothing', async () => {
    const keys = await outboxKeyPair();
    const running = await startOutboxHost(cleanups, keys);
    const { handlers, host, outbox } = await setup({ hostUrl: running.url });
    await host.getForm();
    expect(await handlers.finishLater(arg({ deviceId: 'forged' }))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEVICE' } });
    expect(await handlers.finishLater({ ...arg(), device: { kind: 'pc', vendor: 'Forged', serial: 'X', source: 'manual' } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await handlers.finishLater('nonsense')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const shortPassword = await handlers.finishLater(arg({ password: 'short' }));
    expect(shortPassword).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'password' }] } });
    expect(await handlers.finishLater(arg({ privacyPolicyVersion: '1999-01' }))).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect(await handlers.getOutbox('x')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await outbox.list()).toEqual([]);
  });

  it('setLaunchChoice answers the resulting state and refuses other choices', async () => {
    const { handlers } = await setup({ hostUrl: 'http://127.0.0.1:1' });
    expect(await handlers.setLaunchChoice('remind-later')).toEqual({ ok: true, value: { state: 'not-registered' } });
    expect(await handlers.setLaunchChoice('declined')).toEqual({ ok: true, value: { state: 'declined' } });
    expect(await handlers.setLaunchChoice('registered')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('dismissOutboxEntry handler', () => {
  it('refuses unknown ids and pending entries, removes settled ones and hides quarantine notices', async () => {
    const keys = await outboxKeyPair();
    const running = await startOutboxHost(cleanups, keys);
    const { handlers, host, dataDir } = await setup({ hostUrl: running.url });
    await host.getForm();

    expect(await handlers.dismissOutboxEntry('no-such-entry')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await handlers.dismissOutboxEntry('../outbox')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await handlers.dismissOutboxEntry(undefined)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    const saved = await handlers.finishLater(arg());
    if (!saved.ok) throw new Error(saved.error.code);
    expect(saved.value.deviceId).toBe('pc-1');
    expect(await handlers.dismissOutboxEntry(saved.value.id)).toMatchObject({ ok: false, error: { code: 'OUTBOX_ENTRY_PENDING' } });
    expect(await handlers.getOutbox(undefined)).toMatchObject({ ok: true, value: [{ id: saved.value.id, status: 'pending' }] });

    expect(await handlers.retryOutbox(undefined)).toMatchObject({ ok: true, value: [{ status: 'delivered' }] });
    expect(await handlers.dismissOutboxEntry(saved.value.id)).toEqual({ ok: true, value: [] });
    expect(await readdir(join(dataDir, 'outbox'))).toEqual([]);
    expect(await handlers.dismissOutboxEntry(saved.value.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await mkdir(join(dataDir, 'outbox', 'broken'));
    await writeFile(join(dataDir, 'outbox', 'broken', 'meta.json'), '{not json');
    const listed = await handlers.getOutbox(undefined);
    const notice = listed.ok ? listed.value[0] : undefined;
    expect(notice).toMatchObject({ status: 'quarantined' });
    expect(await handlers.dismissOutboxEntry(notice?.id)).toEqual({ ok: true, value: [] });
    const aside = await readdir(join(dataDir, 'outbox-quarantine'));
    expect(aside.some((name) => name === notice?.id)).toBe(true); // kept for support, only the notice is gone
  });
});
