import { spawn } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../preview/chromium';
import { bridgeDesktop } from '../preview/bridge';
import { WIZARD_ORIGIN, serveRenderer } from '../preview/serve-renderer';
import { startWizardStack } from '../preview/wizard-stack';

/** A wizard window that `npm start` waits on; `closed` settles when the person closes it. */
export interface WizardWindow {
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Runs the wizard in Electron against the host. */
export function openInElectron(electron: string, appDir: string, hostUrl: string): WizardWindow {
  const child = spawn(electron, [appDir], { stdio: 'inherit', env: { ...process.env, REGISTRATION_HOST_URL: hostUrl } });
  const closed = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    closed,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await closed;
    },
  };
}

/** Runs the wizard in the system's Chromium with the real handlers (what `npm run preview` does); headless only in tests. */
export async function openInChromium(hostUrl: string, options: { headless?: boolean } = {}): Promise<WizardWindow> {
  let requestClose: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    requestClose = resolve;
  });
  const stack = await startWizardStack({ hostUrl, onClose: () => requestClose() });
  let browser: Browser;
  try {
    // npm start owns Ctrl-C: it closes the window, then the host, then exits 0.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: options.headless ?? false, handleSIGINT: false, handleSIGTERM: false });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await serveRenderer(page);
  await bridgeDesktop(page, stack.handlers);
  await page.goto(`${WIZARD_ORIGIN}/index.html`);
  const heading = page.getByRole('heading', { level: 1 }).first();
  await heading.waitFor({ timeout: 30_000 });
  process.stdout.write(`wizard: opened in Chromium on "${(await heading.textContent())?.trim() ?? ''}"\n`);
  const disconnected = new Promise<void>((resolve) => browser.on('disconnected', () => resolve()));
  const closed = Promise.race([asked, disconnected]);
  let closing: Promise<void> | undefined;
  return {
    closed,
    close() {
      closing ??= (async () => {
        await browser.close().catch(() => undefined);
        await stack.stop();
      })();
      return closing;
    },
  };
}
