/**
 * `npm start`: the product on this machine, whatever it lacks. Builds the app, starts the registration
 * host on its embedded default (unless REGISTRATION_HOST_URL names one), then shows the wizard:
 *   - in Electron when its binary is installed;
 *   - else in a Chromium window with the real handlers when there is a display and a Chromium;
 *   - else keeps the host running and prints where everything is, until Ctrl-C.
 * It always prints one block saying where each part runs, and exits 0 after a clean stop.
 * START_WIZARD=none|chromium-headless forces a branch (the tests use it; `auto` is the default).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDesktopConfig } from '../electron/config/desktop-config';
import { buildRenderer } from './build-renderer';
import { electronBinary } from './electron-binary';
import { CHROMIUM_PATH } from './preview/chromium';
import { startProductHost, type ProductHost } from './start/product-host';
import { whereBlock, type WizardAbsence } from './start/where-block';
import { openInChromium, openInElectron, type WizardWindow } from './start/wizard-window';

const ROOT = resolve(import.meta.dirname, '..');

const forced = process.env.START_WIZARD ?? 'auto';
if (!['auto', 'none', 'chromium-headless'].includes(forced)) {
  console.error(`npm start: START_WIZARD must be auto, none or chromium-headless (got ${JSON.stringify(forced)})`);
  process.exit(1);
}
const config = loadDesktopConfig(process.env, { isPackaged: false });
await buildRenderer();
const electron = forced === 'auto' ? electronBinary() : null;
if (electron !== null) await import('./build-electron');

const product: ProductHost | null = config.hostUrl === undefined ? await startProductHost(process.env) : null;
const hostUrl = config.hostUrl ?? product?.host.url ?? '';
const hasDisplay = forced === 'chromium-headless' || (forced === 'auto' && (Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'win32' || process.platform === 'darwin'));

let wizard: WizardWindow | null = null;
let mode: 'electron' | 'chromium' | WizardAbsence;
if (electron !== null) {
  wizard = openInElectron(electron, ROOT, hostUrl);
  mode = 'electron';
} else if (hasDisplay && existsSync(CHROMIUM_PATH)) {
  wizard = await openInChromium(hostUrl, { headless: forced === 'chromium-headless' });
  mode = 'chromium';
} else {
  mode = hasDisplay ? 'no-electron-no-chromium' : 'no-electron-no-display';
}
if (product) process.stdout.write(whereBlock(product, mode));
else process.stdout.write(`\nThe wizard uses the host at ${hostUrl}. Press Ctrl-C to stop.\n`);

const signalled = new Promise<void>((resolveSignal) => {
  process.once('SIGINT', () => resolveSignal());
  process.once('SIGTERM', () => resolveSignal());
});
await Promise.race([signalled, wizard?.closed ?? new Promise<void>(() => undefined)]);
await wizard?.close();
await product?.close();
process.stdout.write('npm start: stopped cleanly.\n');
process.exit(0);
