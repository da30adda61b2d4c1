import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcHandlerMap, OutboxEntry } from '../../protocol';
import { SAMPLE_CUSTOMERS, type Lang, type WizardDriver } from '../../scripts/preview/wizard-driver';
import { countRows, startTestHost, tempDir } from '../desktop/support/outbox-fixtures';
import { PASSWORD, appStack, expect, openWizard, outboxOf, seedCustomer, test } from './support/fixtures';

/** What "Finish later" stores, done through the handlers (the UI path is covered in offline.spec.ts). */
async function saveForLater(handlers: IpcHandlerMap, lang: Lang): Promise<OutboxEntry> {
  const form = await handlers.getForm(undefined);
  const scan = await handlers.scanDevices(undefined);
  const pc = scan.ok ? scan.value.devices.find((d) => d.kind === 'pc' && d.identifiable) : undefined;
  if (!form.ok || !pc) throw new Error('saveForLater: host or scan failed');
  const saved = await handlers.finishLater({ deviceId: pc.id, customer: seedCustomer(lang), password: PASSWORD, privacyPolicyVersion: form.value.privacyPolicy.version });
  if (!saved.ok) throw new Error(`saveForLater: ${saved.error.code}`);
  return saved.value;
}

/** i18next-style interpolation, to find the wizard's own sentences. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

/** Presses a button from the keyboard, as a customer without a mouse would. */
async function pressKey(wizard: WizardDriver, name: string): Promise<void> {
  await wizard.button(name).focus();
  await wizard.page.keyboard.press('Enter');
}

test('outbox-duplicate: registered meanwhile by someone else, the saved one shows the duplicate page and its ways on', async ({ page, lang, checkpoint }) => {
  const host = await startTestHost({ dataDir: await tempDir('e2e-host') });
  const app = await appStack(host.url, lang, await tempDir('e2e-app'));
  const other = await appStack(host.url, lang);
  try {
    await saveForLater(app.handlers, lang);
    // Someone else registers the same PC before the saved registration goes out.
    const form = await other.handlers.getForm(undefined);
    const scan = await other.handlers.scanDevices(undefined);
    const pc = scan.ok ? scan.value.devices.find((d) => d.kind === 'pc') : undefined;
    if (!form.ok || !pc) throw new Error('other: host or scan failed');
    const theirs = await other.handlers.register({ deviceId: pc.id, customer: { ...seedCustomer(lang), name: 'Someone Else' }, password: 'another-password-1', privacyPolicyVersion: form.value.privacyPolicy.version });
    expect(theirs.ok).toBe(true);
    expect(await app.handlers.retryOutbox(undefined)).toMatchObject({ ok: true, value: [{ status: 'duplicate', error: { code: 'DEVICE_ALREADY_REGISTERED' } }] });

    const wizard = await openWizard(page, lang, app.handlers);
    const m = wizard.m;
    const notice = page.getByRole('alert').filter({ hasText: fill(m.outbox.duplicateTitle, { device: m.kindsLower.pc }) });
    await expect(notice).toBeVisible();
    await checkpoint('welcome');

    await pressKey(wizard, m.outbox.duplicateFollow);
    await wizard.at('duplicate');
    await expect(page.getByRole('alert')).toContainText(fill(m.duplicate.lead, { device: m.kindsLower.pc }));
    for (const way of [m.duplicate.update, m.duplicate.another, m.duplicate.support]) await expect(wizard.button(way)).toBeVisible();
    await checkpoint('duplicate');
    await pressKey(wizard, m.duplicate.support);
    await expect(page.getByText(m.duplicate.supportBody)).toBeVisible();
    await pressKey(wizard, m.duplicate.update);
    await wizard.at('password'); // the saved registration's device is the one selected

    // Back at the start: the notice can be dismissed, and then it is gone for good.
    await page.reload();
    await wizard.at('welcome');
    await pressKey(wizard, m.outbox.dismiss);
    await expect(notice).toHaveCount(0);
    await expect(page.locator('h1')).toBeFocused();
    expect(await outboxOf(app.handlers)).toEqual([]);
    expect(countRows(host.dbFile, 'registrations')).toBe(1);
  } finally {
    await other.stop();
    await app.stop();
    await host.close();
  }
});

test('outbox-rejected: a changed privacy notice refuses the saved one; reasons shown, the customer enters it again', async ({ page, lang, checkpoint }) => {
  const hostDir = await tempDir('e2e-host');
  let host = await startTestHost({ dataDir: hostDir });
  const port = Number(new URL(host.url).port);
  const appDir = await tempDir('e2e-app');
  const app = await appStack(host.url, lang, appDir);
  try {
    await saveForLater(app.handlers, lang);
    // The host restarts on the same data with a new privacy notice; one more saved file is damaged.
    await host.close();
    host = await startTestHost({ dataDir: hostDir, port, env: { PRIVACY_POLICY_VERSION: '2026-02' } });
    await mkdir(join(appDir, 'outbox', 'damaged-entry'));
    await writeFile(join(appDir, 'outbox', 'damaged-entry', 'meta.json'), '{"format":');
    const settled = await app.handlers.retryOutbox(undefined);
    expect(settled.ok && settled.value.map((e) => e.status).sort()).toEqual(['quarantined', 'rejected']);

    const wizard = await openWizard(page, lang, app.handlers);
    const m = wizard.m;
    const rejected = page.getByRole('alert').filter({ hasText: fill(m.outbox.rejectedTitle, { device: m.kindsLower.pc }) });
    await expect(rejected).toContainText(m.outbox.reasons.CONSENT_REQUIRED);
    const damaged = page.getByRole('alert').filter({ hasText: m.outbox.quarantinedTitle });
    await expect(damaged).toBeVisible();
    await checkpoint('welcome');

    await damaged.getByRole('button', { name: m.outbox.dismiss }).focus();
    await page.keyboard.press('Enter');
    await expect(damaged).toHaveCount(0);
    await expect(page.locator('#outbox-heading')).toBeFocused();

    await pressKey(wizard, m.outbox.rejectedAgain);
    await wizard.at('details');
    await expect(page.getByRole('alert')).toContainText(m.outbox.reasons.CONSENT_REQUIRED);
    await expect(page.locator('#customer-name')).toHaveValue(''); // the sealed entry cannot be read back
    await expect(page.getByText(lang === 'ja' ? /2026年2月/ : /February 2026/)).toBeVisible(); // the new notice, its version as a date
    await checkpoint('details');

    await wizard.fillDetails(SAMPLE_CUSTOMERS[lang], PASSWORD);
    await wizard.toReview();
    expect(await wizard.submit()).toBe('success');
    // Registered: the refused saved registration is settled and no longer shown.
    await expect.poll(async () => (await outboxOf(app.handlers)).length).toBe(0);
    expect(countRows(host.dbFile, 'registrations')).toBe(1);
  } finally {
    await app.stop();
    await host.close();
  }
});
