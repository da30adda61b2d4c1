import { WizardDriver } from '../../scripts/preview/wizard-driver';
import { bridgeDesktop } from '../../scripts/preview/bridge';
import { serveRenderer } from '../../scripts/preview/serve-renderer';
import { startEmbeddedHost, startWizardStack } from '../../scripts/preview/wizard-stack';
import { REPLAY_DIR, SERIALS, expect, test } from './support/fixtures';

test('privacy-notice: the notice opens in the browser at the host\'s URL (only that one), and its version reads as a date', async ({ page, lang, checkpoint }) => {
  const host = await startEmbeddedHost({ PRIVACY_POLICY_URL: 'https://maker.example/privacy-2026', PRIVACY_POLICY_VERSION: '2026-01' });
  const opened: string[] = [];
  const app = await startWizardStack({ hostUrl: host.url, replayDir: REPLAY_DIR, locale: lang === 'ja' ? 'ja-JP' : 'en-US', fast: true, onOpenExternal: (url) => opened.push(url) });
  try {
    await serveRenderer(page);
    await bridgeDesktop(page, app.handlers);
    const wizard = await WizardDriver.openAsShown(page);
    expect(wizard.lang).toBe(lang);
    await wizard.scan();
    await wizard.choose(SERIALS.printer, 'new');
    const privacy = page.locator('.privacy');
    await expect(privacy).toContainText(lang === 'ja' ? '2026年1月' : 'January 2026');
    await expect(privacy).not.toContainText('2026-01');
    await page.getByRole('button', { name: wizard.m.details.openPrivacy }).click();
    await expect.poll(() => opened).toEqual(['https://maker.example/privacy-2026']);
    // The renderer cannot name another address: the call takes no argument at all.
    expect(await app.handlers.openPrivacyNotice('https://evil.example/')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await checkpoint('details-privacy', { headingFocused: false });
  } finally {
    await app.stop();
    await host.close();
  }
});

test('preview-language: the screenshot walk follows the language the wizard shows, whatever the test expected', async ({ page, lang }) => {
  const other = lang === 'ja' ? 'en' : 'ja';
  const app = await startWizardStack({ replayDir: REPLAY_DIR, locale: other === 'ja' ? 'ja-JP' : 'en-US', fast: true });
  try {
    await serveRenderer(page);
    await bridgeDesktop(page, app.handlers);
    const wizard = await WizardDriver.openAsShown(page);
    expect(wizard.lang).toBe(other);
    await wizard.scan();
    await expect(page.locator('[data-step="devices"]')).toBeVisible();
  } finally {
    await app.stop();
  }
});
