import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import type { Customer, IpcHandlerMap, RegistrationCreated } from '../../../protocol';
import type { WizardDriver, Lang } from '../../../scripts/preview/wizard-driver';
import { startEmbeddedHost, type WizardStack } from '../../../scripts/preview/wizard-stack';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { PASSWORD, SCREENSHOT_DIR, SERIALS, appStack, expect, openWizard, seedCustomer, test as base } from './fixtures';

/** The host with real mail (an SMTP server on loopback), and the wizard's stack talking to it. */
export interface LifeStack {
  hostUrl: string;
  sink: SmtpSink;
  app: WizardStack;
  /** What the page's bridge calls: the first launch's handlers, then the relaunch's. */
  handlers: IpcHandlerMap;
  /** Registers a device straight through the handlers, with an e-mail of its own for this test. */
  seed(kind: 'pc' | 'printer', customer?: Partial<Customer>): Promise<RegistrationCreated & { email: string }>;
  /** The next start of the app: a new main process on the same data folder behind the page's bridge (reload the page after). */
  relaunch(): Promise<WizardStack>;
}

let counter = 0;
/** An address no other test uses, so a test reads only its own mail. */
export function uniqueEmail(lang: Lang): string {
  counter += 1;
  return `life-${lang}-${process.pid}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** The latest mail to `address` whose text matches `pattern`, waiting for it to arrive. */
export async function mailMatching(sink: SmtpSink, address: string, pattern: RegExp, timeoutMs = 20_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.to(address).filter((mail) => pattern.test(mail.text ?? '')).at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${String(pattern)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The code a recovery-code mail carries (XXXX-XXXX). */
export function codeIn(mail: ParsedMail): string {
  const match = /\b([0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error('no code in the mail');
  return match[1];
}

/** Counts window.print calls instead of opening the print dialog. */
export async function countPrints(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const target = globalThis as unknown as { __prints: number; print: () => void };
    target.__prints = 0;
    target.print = () => {
      target.__prints += 1;
    };
  });
  return () => page.evaluate(() => (globalThis as unknown as { __prints: number }).__prints);
}

/** Set SCREENSHOT_SIZES=1 to also save every checkpoint at 1024x768 and 1920x1080 (to look at them; CI skips it). */
const EXTRA_SIZES = process.env.SCREENSHOT_SIZES === '1';
export const SIZES = [
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
] as const;

export const test = base.extend<{ life: LifeStack; handlers: IpcHandlerMap; look: (step: string, options?: { headingFocused?: boolean }) => Promise<void> }>({
  life: async ({ lang }, use) => {
    const sink = await startSmtpSink();
    const host = await startEmbeddedHost({ PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1', SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1' });
    const app = await appStack(host.url, lang);
    const others: WizardStack[] = [];
    // The bridge calls whichever main process runs now, so a relaunch needs no new page.
    let current: IpcHandlerMap = app.handlers;
    const forwarding = new Proxy({} as IpcHandlerMap, { get: (_target, method: string) => (current as unknown as Record<string, unknown>)[method] });
    const seed = async (kind: 'pc' | 'printer', customer: Partial<Customer> = {}) => {
      const email = customer.email ?? uniqueEmail(lang);
      const form = await app.handlers.getForm(undefined);
      const scan = await app.handlers.scanDevices(undefined);
      if (!form.ok || !scan.ok) throw new Error('seed: host or scan failed');
      const device = scan.value.devices.find((d) => d.kind === kind && d.identifiable);
      if (!device) throw new Error(`seed: no ${kind}`);
      const created = await app.handlers.register({ deviceId: device.id, customer: { ...seedCustomer(lang), ...customer, email }, password: PASSWORD, privacyPolicyVersion: form.value.privacyPolicy.version });
      if (!created.ok) throw new Error(`seed: ${created.error.code}`);
      return { ...created.value, email };
    };
    const relaunch = async () => {
      const again = await appStack(host.url, lang, app.dataDir);
      others.push(again);
      current = again.handlers;
      return again;
    };
    await use({ hostUrl: host.url, sink, app, seed, relaunch, handlers: forwarding });
    for (const other of others) await other.stop();
    await app.stop();
    await host.close();
    await sink.close();
  },
  handlers: async ({ life }, use) => use(life.handlers),
  /** The checkpoint (focus, axe, screenshot), plus a screenshot at 1024x768 and 1920x1080 to look at. */
  look: async ({ page, checkpoint, lang }, use, testInfo) => {
    const flow = `${testInfo.titlePath.at(-1)?.split(':')[0]?.trim().replace(/\s+/g, '-') ?? 'flow'}-${lang}`;
    await use(async (step, options) => {
      await checkpoint(step, options);
      if (!EXTRA_SIZES) return;
      const original = page.viewportSize();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${flow}-${step}-${size.width}x${size.height}.png`), fullPage: true });
      }
      if (original) await page.setViewportSize(original);
    });
  },
  // The wizard on the mail-enabled stack instead of the default one.
  wizard: async ({ page, handlers, lang }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const driver: WizardDriver = await openWizard(page, lang, handlers);
    await use(driver);
    expect(problems).toEqual([]);
  },
});

export { PASSWORD, SERIALS, expect };
