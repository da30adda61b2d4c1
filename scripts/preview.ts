/**
 * `npm run preview`: the built wizard in the system's Chromium with the real handlers bridged in,
 * so it can be seen and demonstrated where Electron cannot run.
 *   --replay DIR        a recorded machine instead of this one
 *   --screenshots DIR   walk the new-registration flow headless, one PNG per step
 *   --locale ja|en      the "OS language" (default: this machine's)
 * REGISTRATION_HOST_URL chooses the host; unset starts an embedded one.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDesktopConfig } from '../electron/config/desktop-config';
import { buildRenderer } from './build-renderer';
import { bridgeDesktop } from './preview/bridge';
import { launchChromium } from './preview/chromium';
import { WIZARD_ORIGIN, serveRenderer } from './preview/serve-renderer';
import { SAMPLE_CUSTOMERS, WizardDriver, type Lang } from './preview/wizard-driver';
import { startWizardStack } from './preview/wizard-stack';

const { values } = parseArgs({
  options: { replay: { type: 'string' }, screenshots: { type: 'string' }, locale: { type: 'string' } },
});

const config = loadDesktopConfig(process.env, { isPackaged: false });
await buildRenderer();

let closeRequested: () => void = () => undefined;
const closed = new Promise<void>((resolve) => {
  closeRequested = resolve;
});
const replayDir = values.replay ?? config.replayDir;
const locale = values.locale ?? config.locale;
const stack = await startWizardStack({
  hostUrl: config.hostUrl,
  replayDir: replayDir ? resolve(replayDir) : undefined,
  ...(locale ? { locale } : {}),
  onClose: () => closeRequested(),
  onOpenExternal: (url) => console.log(`preview: the wizard asked to open ${url} in the browser`),
});
const headless = values.screenshots !== undefined;
const browser = await launchChromium(headless);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await serveRenderer(page);
await bridgeDesktop(page, stack.handlers);
console.log(`preview: host ${stack.hostUrl}, ${replayDir ? `replay ${replayDir}` : 'live hardware'}`);

try {
  if (values.screenshots !== undefined) {
    const dir = resolve(values.screenshots);
    await mkdir(dir, { recursive: true });
    const wizard = await WizardDriver.openAsShown(page);
    const lang: Lang = wizard.lang;
    await wizard.shot(join(dir, '01-welcome.png'));
    await wizard.scan();
    await wizard.shot(join(dir, '02-devices.png'));
    // The PC comes ticked for a new registration; tick the first device in case it did not.
    const first = page.locator('.device-card input[name="device"]:not([disabled])').first();
    await first.check();
    await wizard.button(wizard.m.common.continue).click();
    await wizard.at('details');
    await wizard.fillDetails(SAMPLE_CUSTOMERS[lang], 'preview-password-1');
    await wizard.shot(join(dir, '03-details.png'));
    await wizard.toReview();
    await wizard.shot(join(dir, '04-review.png'));
    const outcome = await wizard.submit();
    await wizard.shot(join(dir, `05-${outcome}.png`));
    console.log(`preview: screenshots in ${dir} (ended on "${outcome}")`);
  } else {
    await page.goto(`${WIZARD_ORIGIN}/index.html`);
    await Promise.race([closed, new Promise<void>((resolve) => browser.on('disconnected', () => resolve()))]);
  }
} finally {
  await browser.close().catch(() => undefined);
  await stack.stop();
}
