import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { startEmbeddedHost, startWizardStack } from '../../scripts/preview/wizard-stack';
import { PASSWORD, REPLAY_DIR, SERIALS, expect, openWizard, outboxOf, test } from './support/fixtures';
import { startSwitchableProxy } from './support/switchable-proxy';

test('first-boot-offline: a PC that never reached the host fills everything in, saves it, and it is registered once online', async ({ page, lang, checkpoint }) => {
  const host = await startEmbeddedHost({ PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' });
  // The build carries the host's outbox key; the PC itself has never reached the host.
  const form = (await (await fetch(`${host.url}/api/v1/form`)).json()) as { outboxPublicKey: string };
  const network = await startSwitchableProxy(host.url);
  network.down();
  const app = await startWizardStack({ hostUrl: network.url, replayDir: REPLAY_DIR, locale: lang === 'ja' ? 'ja-JP' : 'en-US', fast: true, buildPublicKey: form.outboxPublicKey });
  try {
    const wizard = await openWizard(page, lang, app.handlers);
    const m = wizard.m;
    await wizard.button(m.welcome.start).click();
    await wizard.at('unreachable');
    await expect(page.locator('main')).toContainText(m.unreachable.offlineHint);
    await expect(wizard.button(m.unreachable.remindLater)).toBeVisible();
    await checkpoint('unreachable');
    await wizard.button(m.unreachable.offline).click();
    await wizard.at('devices');
    await expect(page.getByRole('status').filter({ hasText: m.devices.offlineTitle })).toBeVisible();
    await checkpoint('devices');
    await wizard.choose(SERIALS.pc, 'new');
    await wizard.fillDetails(SAMPLE_CUSTOMERS[lang], PASSWORD);
    await wizard.toReview();
    await checkpoint('review');
    await wizard.button(m.review.submitOffline).click();
    await wizard.at('pending');
    // Still offline: "Try sending now" says so instead of doing nothing visible.
    await wizard.button(m.pending.sendNow).click();
    await expect(page.getByRole('status').filter({ hasText: m.pending.stillOffline })).toBeVisible();
    await checkpoint('pending-still-offline', { headingFocused: false });
    network.up();
    await wizard.button(m.pending.sendNow).click();
    await expect(page.getByTestId('outbox-status')).toHaveText(m.pending.statuses.delivered);
    expect((await outboxOf(app.handlers)).map((e) => e.status)).toEqual(['delivered']);
  } finally {
    await app.stop();
    await network.close();
    await host.close();
  }
});
