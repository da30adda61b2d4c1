import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcHandlerMap, ScannedDevice } from '../../protocol';
import { saveToChosenFile, suggestedFileName } from '../../electron/lifecycle/save-file';
import { TransferStore } from '../../electron/lifecycle/transfer-store';
import { startEmbeddedHost, startWizardStack, type WizardStack } from '../../scripts/preview/wizard-stack';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { useCleanups } from '../support/use-cleanups';

const cleanups = useCleanups();
const REPLAY_DIR = resolve(import.meta.dirname, '../fixtures/replay/office-pc');
const PASSWORD = 'first-boot-2026';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fbr-lifecycle-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('TransferStore (the transfer ids this PC asked for, across launches)', () => {
  it('remembers, refreshes and forgets; the host transfer id never leaves it; the file is 0600', async () => {
    const path = join(await tempDir(), 'transfers.json');
    const store = new TransferStore(path);
    const added = await store.add('secret-transfer-id', { kind: 'pc', vendor: 'Dell Inc.', model: 'Inspiron 620' }, 'scan-pc');
    expect(added).toMatchObject({ status: 'pending', fresh: true, deviceId: 'scan-pc' });
    expect(JSON.stringify(added)).not.toContain('secret-transfer-id');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);

    // A new launch reads the same file; the host answers for the id it was given.
    const asked: string[] = [];
    const next = new TransferStore(path);
    const unreachable = await next.refresh(() => Promise.resolve(null));
    expect(unreachable).toEqual([{ ...added, fresh: false }]);
    const decided = await next.refresh((id) => {
      asked.push(id);
      return Promise.resolve({ status: 'approved', decidedAt: '2026-12-01T10:00:00.000Z' });
    });
    expect(asked).toEqual(['secret-transfer-id']);
    expect(decided[0]).toMatchObject({ status: 'approved', decidedAt: '2026-12-01T10:00:00.000Z', fresh: true });
    // Decided is final: the host is not asked again.
    expect((await new TransferStore(path).refresh(() => Promise.reject(new Error('must not be asked'))))[0]?.status).toBe('approved');
    expect(await next.dismiss(added.id)).toEqual([]);
    expect(await new TransferStore(path).list()).toEqual([]);
  });

  it('treats a damaged file as no transfers instead of failing the welcome page', async () => {
    const path = join(await tempDir(), 'transfers.json');
    await writeFile(path, '{"version":1,"transfers":[{"id":');
    expect(await new TransferStore(path).refresh(() => Promise.resolve(null))).toEqual([]);
  });
});

describe('saveToChosenFile (below the save dialog)', () => {
  it('writes nothing when the customer cancels, and the whole file (0600) where they chose', async () => {
    const dir = await tempDir();
    expect(await saveToChosenFile(() => Promise.resolve(null), 'x.txt', 'text', 'content')).toEqual({ saved: false });
    const target = join(dir, 'receipt.txt');
    const saved = await saveToChosenFile((name, kind) => Promise.resolve(name === 'registration-ABCD.txt' && kind === 'text' ? target : null), 'registration-ABCD.txt', 'text', 'line one');
    expect(saved).toEqual({ saved: true, path: target });
    expect(await readFile(target, 'utf8')).toBe('line one\n');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('suggests names from the registration number only', () => {
    expect(suggestedFileName('ABCD-EFGH-JKLM', 'export')).toBe('registration-ABCD-EFGH-JKLM-my-data.json');
    expect(suggestedFileName('../../ETC/X', 'receipt')).toBe('registration-ETCX.txt');
  });
});

describe('lifecycle handlers against a real host with real mail', () => {
  let sink: SmtpSink;
  let host: Awaited<ReturnType<typeof startEmbeddedHost>>;
  let stack: WizardStack;
  let handlers: IpcHandlerMap;
  let devices: ScannedDevice[];
  const byKind = (kind: string) => {
    const found = devices.find((d) => d.kind === kind && d.identifiable);
    if (!found) throw new Error(`no ${kind}`);
    return found;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    host = await startEmbeddedHost({ PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1', SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1' });
    stack = await startWizardStack({ hostUrl: host.url, replayDir: REPLAY_DIR, fast: true });
    handlers = stack.handlers;
    const form = await handlers.getForm(undefined);
    const scan = await handlers.scanDevices(undefined);
    if (!form.ok || !scan.ok) throw new Error('no form or scan');
    devices = scan.value.devices;
    const created = await handlers.register({
      deviceId: byKind('pc').id,
      customer: { name: 'Alex Morgan', email: 'owner@example.com', phone: '+81 3-5555-0123', postalCode: '150-0002', address: 'Tokyo', country: 'JP' },
      password: PASSWORD,
      privacyPolicyVersion: form.value.privacyPolicy.version,
      locale: 'en',
    });
    if (!created.ok) throw new Error(created.error.code);
    await sink.waitFor(1);
  });
  afterAll(async () => {
    await stack.stop();
    await host.close();
    await sink.close();
  });

  it('refuses bad input at the boundary and sends no mail', async () => {
    const before = sink.mails.length;
    const pc = byKind('pc').id;
    const refusals = await Promise.all([
      handlers.requestRecovery({ deviceId: pc, email: 'not an address' }),
      handlers.requestRecovery({ deviceId: pc, email: 'owner@example.com', extra: 1 }),
      handlers.confirmRecovery({ deviceId: pc, code: 'not-a-code!', newPassword: 'long enough password' }),
      handlers.requestTransfer({ deviceId: pc, locale: 'fr' }),
      handlers.saveReceipt({ registrationNumber: 'nonsense', text: 'x' }),
      handlers.saveReceipt({ registrationNumber: 'ABCD-EFGH-JKLM', text: 'x'.repeat(8001) }),
      handlers.dismissTransfer(42),
    ]);
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    const short = await handlers.confirmRecovery({ deviceId: pc, code: 'ABCD-1234', newPassword: 'short' });
    expect(short.ok ? 'ok' : short.error.fields?.[0]?.path).toBe('newPassword');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.length).toBe(before);
  });

  it('acts on the registration only with a sign-in, and erases only with the typed number', async () => {
    const lookup = await handlers.lookup({ deviceId: byKind('pc').id, password: PASSWORD });
    if (!lookup.ok) throw new Error(lookup.error.code);
    const number = lookup.value.registrationNumber;
    const wrong = await handlers.eraseRegistration({ registrationNumber: number, confirmation: '0000-0000-0000' });
    expect(wrong.ok ? 'erased' : wrong.error.code).toBe('CONFIRMATION_MISMATCH');
    const unknown = await handlers.releaseDevice({ registrationNumber: number, registeredDeviceId: 'no-such-device' });
    expect(unknown.ok ? 'released' : unknown.error.code).toBe('NOT_FOUND');
    // Still there, untouched.
    const again = await handlers.lookup({ deviceId: byKind('pc').id, password: PASSWORD });
    expect(again.ok && again.value.devices).toHaveLength(1);
    // Another launch has no sign-in: the number alone opens nothing.
    const other = await startWizardStack({ hostUrl: host.url, replayDir: REPLAY_DIR, fast: true });
    cleanups.push(() => other.stop());
    const calls = await Promise.all([
      other.handlers.exportRegistration({ registrationNumber: number }),
      other.handlers.releaseDevice({ registrationNumber: number, registeredDeviceId: lookup.value.devices[0]?.id ?? '' }),
      other.handlers.eraseRegistration({ registrationNumber: number, confirmation: number }),
    ]);
    expect(calls.map((r) => (r.ok ? 'done' : r.error.code))).toEqual(['NO_SESSION', 'NO_SESSION', 'NO_SESSION']);
    const still = await handlers.lookup({ deviceId: byKind('pc').id, password: PASSWORD });
    expect(still.ok && still.value.devices).toHaveLength(1);
  });

  it('remembers nothing when the host refuses a transfer (a device nobody holds)', async () => {
    const printer = byKind('printer').id;
    const refused = await handlers.requestTransfer({ deviceId: printer, locale: 'en' });
    expect(refused.ok ? 'asked' : refused.error.code).toBe('VALIDATION_FAILED');
    const remembered = await handlers.getTransfers(undefined);
    expect(remembered.ok && remembered.value).toEqual([]);
  });
});
