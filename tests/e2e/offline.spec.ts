import type { Page } from '@playwright/test';
import { SAMPLE_CUSTOMERS, type Lang, type WizardDriver } from '../../scripts/preview/wizard-driver';
import type { WizardStack } from '../../scripts/preview/wizard-stack';
import { countRows, readAllFiles, startTestHost, tempDir } from '../desktop/support/outbox-fixtures';
import { startSmtpSink } from '../support/smtp-sink';
import { startSwitchableProxy } from './support/switchable-proxy';
import { PASSWORD, SERIALS, appStack, expect, openWizard, outboxOf, test } from './support/fixtures';

/** The wizard "app": a handler stack on a data folder, and a page bridged to it. */
async function launchApp(page: Page, lang: Lang, hostUrl: string, dataDir: string): Promise<{ stack: WizardStack; wizard: WizardDriver }> {
  const stack = await appStack(hostUrl, lang, dataDir);
  return { stack, wizard: await openWizard(page, lang, stack.handlers) };
}

/** Walks to "Finish later" while the network is down; ends on the pending page. */
async function finishLaterOffline(wizard: WizardDriver, network: { down(): void }): Promise<void> {
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'new');
  await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
  await wizard.toReview();
  network.down();
  expect(await wizard.submit()).toBe('unreachable');
  await wizard.button(wizard.m.unreachable.later).click();
  await wizard.at('pending');
  await expect(wizard.page.getByTestId('outbox-status')).toHaveText(wizard.m.pending.statuses.pending);
}

/** No personal detail the customer typed is anywhere in the app's data folder, in clear. */
async function expectNothingPersonalOnDisk(dataDir: string, lang: Lang): Promise<void> {
  const secrets = [...Object.values(SAMPLE_CUSTOMERS[lang]), PASSWORD].filter((v): v is string => typeof v === 'string' && v.length >= 4);
  const files = await readAllFiles(dataDir);
  expect(files.some((f) => f.path.endsWith('sealed.json'))).toBe(true);
  for (const file of files) for (const secret of secrets) expect(file.bytes.includes(Buffer.from(secret)), `${secret} in ${file.path}`).toBe(false);
}

test('offline-restart: "Finish later" keeps it sealed; the next launch delivers it and shows the number', async ({ browser, page, lang, checkpoint }) => {
  const host = await startTestHost({ dataDir: await tempDir('e2e-host') });
  const network = await startSwitchableProxy(host.url);
  const dataDir = await tempDir('e2e-app');
  try {
    // First launch: the host cannot be reached when the customer submits.
    const firstContext = await browser.newContext();
    const first = await launchApp(await firstContext.newPage(), lang, network.url, dataDir);
    await finishLaterOffline(first.wizard, network);
    await expectNothingPersonalOnDisk(dataDir, lang);
    await first.stack.stop();
    await firstContext.close();
    expect(countRows(host.dbFile, 'registrations')).toBe(0);

    // The network is back; the app is launched again (at logon): the sender runs at once.
    network.up();
    const stack = await appStack(network.url, lang, dataDir);
    try {
      await expect.poll(async () => (await outboxOf(stack.handlers))[0]?.status, { timeout: 15_000 }).toBe('delivered');
      const [entry] = await outboxOf(stack.handlers);
      const wizard = await openWizard(page, lang, stack.handlers);
      await expect(page.getByText(entry?.registrationNumber ?? 'missing')).toBeVisible();
      await expect(page.getByText(wizard.m.welcome.deliveredTitle)).toBeVisible();
      await checkpoint('delivered-at-launch');
      expect(countRows(host.dbFile, 'registrations')).toBe(1);
    } finally {
      await stack.stop();
    }
  } finally {
    await network.close();
    await host.close();
  }
});

test('offline-background: the sender delivers by itself once the network is back', async ({ page, lang, checkpoint }) => {
  test.slow(); // the first automatic attempt comes 5–10 s after "Finish later" (backoff with jitter)
  const host = await startTestHost({ dataDir: await tempDir('e2e-host') });
  const network = await startSwitchableProxy(host.url);
  const dataDir = await tempDir('e2e-app');
  const { stack, wizard } = await launchApp(page, lang, network.url, dataDir);
  try {
    await finishLaterOffline(wizard, network);
    await checkpoint('pending');
    network.up();
    await expect.poll(async () => (await outboxOf(stack.handlers))[0]?.status, { timeout: 30_000, intervals: [500] }).toBe('delivered');
    const [entry] = await outboxOf(stack.handlers);
    expect(entry?.attempts).toBe(1); // no click: the background sender's own attempt
    await page.reload();
    await wizard.at('welcome');
    await expect(page.getByText(entry?.registrationNumber ?? 'missing')).toBeVisible();
    await checkpoint('delivered');
    expect(countRows(host.dbFile, 'registrations')).toBe(1);
    expect(countRows(host.dbFile, 'devices')).toBe(1);
  } finally {
    await stack.stop();
    await network.close();
    await host.close();
  }
});

test('offline-locale: a registration kept offline is mailed in the wizard\'s language once it is delivered', async ({ page, lang, checkpoint }) => {
  const sink = await startSmtpSink();
  const host = await startTestHost({ dataDir: await tempDir('e2e-host'), env: { SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1' } });
  const network = await startSwitchableProxy(host.url);
  const { stack, wizard } = await launchApp(page, lang, network.url, await tempDir('e2e-app'));
  try {
    await finishLaterOffline(wizard, network);
    network.up();
    await wizard.button(wizard.m.pending.sendNow).click();
    await expect(page.getByTestId('outbox-status')).toHaveText(wizard.m.pending.statuses.delivered);
    await checkpoint('delivered', { headingFocused: false });
    const [entry] = await outboxOf(stack.handlers);
    const email = SAMPLE_CUSTOMERS[lang].email ?? '';
    await expect.poll(() => sink.to(email).length, { timeout: 20_000 }).toBe(1);
    const [mail] = sink.to(email);
    expect(mail?.text).toContain(entry?.registrationNumber ?? 'missing');
    expect(mail?.subject).toBe(lang === 'en' ? 'Your product is registered' : '製品登録が完了しました');
  } finally {
    await stack.stop();
    await network.close();
    await host.close();
    await sink.close();
  }
});
