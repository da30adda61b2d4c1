import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Customer, IpcHandlerMap, OutboxEntry, RegistrationCreated } from '../../../protocol';
import { networkSettingsTarget } from '../../../electron/network-settings/network-settings';
import { bridgeDesktop } from '../../../scripts/preview/bridge';
import { serveRenderer } from '../../../scripts/preview/serve-renderer';
import { SAMPLE_CUSTOMERS, WizardDriver, type Lang } from '../../../scripts/preview/wizard-driver';
import { startEmbeddedHost, startWizardStack, type WizardStack, type WizardStackOptions } from '../../../scripts/preview/wizard-stack';
import { axeViolations } from './axe';
import { startSwitchableProxy, type SwitchableProxy } from './switchable-proxy';

export const REPLAY_DIR = resolve(import.meta.dirname, '../../fixtures/replay/office-pc');
/** The recorded machines the wizard can run on (tests/fixtures/replay/*). */
export type Replay = 'office-pc' | 'busy-desk';
export const replayDir = (replay: Replay) => resolve(import.meta.dirname, '../../fixtures/replay', replay);
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/screenshots');
/** Serials of the replayed office PC (tests/fixtures/replay/office-pc/README.md). */
export const SERIALS = { pc: 'JR1SJQ1', printer: '0441BFZ2', scanner: 'X6NQ004517', modem: 'd6da37e3', monitor: '7MT019AI34EU' } as const;
export const PASSWORD = 'first-boot-2026';

export interface WizardOptions {
  lang: Lang;
  /** The recorded machine (office-pc unless a spec says `test.use({ replay: 'busy-desk' })`). */
  replay: Replay;
  /** The OS the network-settings handler believes it runs on (null: none can be opened, the button is hidden). */
  networkPlatform: NodeJS.Platform | null;
}

interface Stack {
  handlers: IpcHandlerMap;
  network: SwitchableProxy;
  /** Makes the next scans wait until the returned function is called (to see the progress state). */
  holdScan(): () => void;
  /** Registers a device straight through the handlers (what an earlier session would have done). */
  seed(kind: 'pc' | 'printer', customer?: Customer): Promise<RegistrationCreated>;
  /** What "Open network settings" handed to the OS (URLs, or program and arguments): recorded, never run. */
  openedSettings: string[];
}

interface Fixtures {
  stack: Stack;
  wizard: WizardDriver;
  /** Checks focus is on the step's heading (unless told otherwise), runs axe on the page as it is and saves test-results/screenshots/<flow>-<step>.png. */
  checkpoint: (step: string, options?: { headingFocused?: boolean }) => Promise<void>;
}

/** The customer a seeded registration carries (complete, valid for JP). */
export function seedCustomer(lang: Lang): Customer {
  const sample = SAMPLE_CUSTOMERS[lang];
  return {
    name: sample.name ?? 'x',
    nameKana: sample.nameKana,
    email: sample.email ?? 'x@example.com',
    phone: sample.phone ?? '03-1234-5678',
    postalCode: sample.postalCode ?? '100-0001',
    address: sample.address ?? 'x',
    country: 'JP',
  };
}

/** The wizard's handler stack on the replayed office PC in the given language, talking to hostUrl (own temp data folder unless given). */
export function appStack(hostUrl: string, lang: Lang, dataDir?: string, replay: Replay = 'office-pc', extra: Partial<WizardStackOptions> = {}): Promise<WizardStack> {
  return startWizardStack({ ...extra, hostUrl, replayDir: replayDir(replay), locale: lang === 'ja' ? 'ja-JP' : 'en-US', fast: true, ...(dataDir ? { dataDir } : {}) });
}

/** Serves the built wizard to the page with the handlers behind `window.desktop`, and opens it. */
export async function openWizard(page: Page, lang: Lang, handlers: IpcHandlerMap): Promise<WizardDriver> {
  await serveRenderer(page);
  await bridgeDesktop(page, handlers);
  const wizard = new WizardDriver(page, lang);
  await wizard.open();
  return wizard;
}

/** The outbox as the handlers report it. */
export async function outboxOf(handlers: IpcHandlerMap): Promise<OutboxEntry[]> {
  const result = await handlers.getOutbox(undefined);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

export const test = base.extend<Fixtures & WizardOptions>({
  lang: ['ja', { option: true }],
  replay: ['office-pc', { option: true }],
  networkPlatform: [null, { option: true }],

  stack: async ({ lang, replay, networkPlatform }, use) => {
    const host = await startEmbeddedHost({ PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' });
    const network = await startSwitchableProxy(host.url);
    const openedSettings: string[] = [];
    const record = (line: string) => Promise.resolve(void openedSettings.push(line));
    const networkSettings = networkPlatform === null
      ? undefined
      : { target: networkSettingsTarget(networkPlatform, () => true), openUrl: record, startProgram: (file: string, args: readonly string[]) => record([file, ...args].join(' ')) };
    const stack = await appStack(network.url, lang, undefined, replay, networkSettings ? { networkSettings } : {});
    const seed = async (kind: 'pc' | 'printer', customer: Customer = seedCustomer(lang)) => {
      const form = await stack.handlers.getForm(undefined);
      const scan = await stack.handlers.scanDevices(undefined);
      if (!form.ok || !scan.ok) throw new Error('seed: host or scan failed');
      const device = scan.value.devices.find((d) => d.kind === kind && d.identifiable);
      if (!device) throw new Error(`seed: no ${kind}`);
      const created = await stack.handlers.register({ deviceId: device.id, customer, password: PASSWORD, privacyPolicyVersion: form.value.privacyPolicy.version });
      if (!created.ok) throw new Error(`seed: ${created.error.code}`);
      return created.value;
    };
    let gate: Promise<void> = Promise.resolve();
    const handlers: IpcHandlerMap = {
      ...stack.handlers,
      scanDevices: async (arg) => {
        await gate;
        return stack.handlers.scanDevices(arg);
      },
    };
    const holdScan = () => {
      let release: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    };
    await use({ handlers, network, seed, holdScan, openedSettings });
    await stack.stop();
    await network.close();
    await host.close();
  },

  wizard: async ({ page, stack, lang }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await use(await openWizard(page, lang, stack.handlers));
    // The app's CSP held (nothing blocked, nothing inline) and no script error reached the console.
    expect(problems).toEqual([]);
  },

  checkpoint: async ({ page, lang }, use, testInfo) => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const flow = `${testInfo.titlePath.at(-1)?.split(':')[0]?.trim().replace(/\s+/g, '-') ?? 'flow'}-${lang}`;
    await use(async (step, options = {}) => {
      if (options.headingFocused !== false) await expect(page.locator('h1')).toBeFocused();
      expect(await axeViolations(page), `axe on ${flow}-${step}`).toEqual([]);
      await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${flow}-${step}.png`), fullPage: true });
    });
  },
});

/** The PC's registration typed in full, the host unreachable at Register, then "Finish later": the pending page. */
export async function saveForLater(wizard: WizardDriver, network: SwitchableProxy): Promise<void> {
  await wizard.reviewNew(SERIALS.pc, SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
  network.down();
  expect(await wizard.submit()).toBe('unreachable');
  await wizard.button(wizard.m.unreachable.later).click();
  await wizard.at('pending');
}

/**
 * A new registration of the PC refused as already registered: the PC is registered elsewhere only
 * after the device page asked for statuses (else it offers an update), so the host's 409 decides.
 */
export async function reachDuplicate(wizard: WizardDriver, stack: Pick<Stack, 'seed'>): Promise<void> {
  await wizard.scan();
  await stack.seed('pc');
  await wizard.choose(SERIALS.pc, 'new');
  await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], 'another-password-1');
  await wizard.toReview();
  expect(await wizard.submit()).toBe('duplicate');
}

export { expect };
