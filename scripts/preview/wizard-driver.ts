import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import type { Messages } from '../../renderer/src/i18n/en';
import type { CustomerField } from '../../protocol';
import { WIZARD_ORIGIN } from './serve-renderer';

export type Lang = 'ja' | 'en';
/** The wizard's own strings, so the driver finds controls by their accessible names in either language. */
export const MESSAGES: Record<Lang, Messages> = { en, ja };

export const SAMPLE_CUSTOMERS: Record<Lang, Partial<Record<CustomerField, string>>> = {
  ja: { country: 'JP', name: '山田 太郎', nameKana: 'ヤマダ タロウ', postalCode: '100-0001', address: '東京都千代田区千代田1-1 千代田ビル 101', phone: '03-1234-5678', email: 'taro.yamada@example.jp' },
  en: { country: 'JP', name: 'Alex Morgan', postalCode: '150-0002', address: '2-21-1 Shibuya, Shibuya-ku, Tokyo', phone: '+81 3-5555-0123', email: 'alex.morgan@example.com' },
};

/** Drives the wizard like a customer would: by labels and button names, one step at a time. */
export class WizardDriver {
  readonly m: Messages;

  constructor(
    readonly page: Page,
    readonly lang: Lang,
  ) {
    this.m = MESSAGES[lang];
  }

  /** Waits until the given page of the wizard is showing. */
  async at(step: string): Promise<void> {
    await this.page.locator(`[data-step="${step}"]`).waitFor({ state: 'visible' });
  }

  /** Opens the wizard and drives it in the language it really shows (it follows the OS language), not a guess. */
  static async openAsShown(page: Page): Promise<WizardDriver> {
    await page.goto(`${WIZARD_ORIGIN}/index.html`);
    await page.locator('[data-step="welcome"]').waitFor({ state: 'visible' });
    const heading = (await page.locator('h1').textContent()) ?? '';
    const ja = [MESSAGES.ja.welcome.heading, MESSAGES.ja.welcome.registeredHeading].includes(heading);
    return new WizardDriver(page, ja ? 'ja' : 'en');
  }

  async open(): Promise<void> {
    await this.page.goto(`${WIZARD_ORIGIN}/index.html`);
    await this.at('welcome');
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  async scan(): Promise<void> {
    await this.button(this.m.welcome.start).click();
    await this.at('devices');
  }

  /** Picks the action and the one device whose serial is shown (unticking any other), then continues. */
  async choose(serial: string, action: 'new' | 'update'): Promise<void> {
    await this.page.getByRole('radio', { name: action === 'new' ? this.m.devicePage.actionNew : this.m.devicePage.actionUpdate }).check();
    if (action === 'new') await this.chooseDevices([serial]);
    else await this.page.locator('.device-card', { hasText: serial }).getByRole('radio').check();
    await this.button(this.m.common.continue).click();
    await this.at(action === 'new' ? 'details' : 'password');
  }

  /** Ticks exactly the devices whose serials are given on the device page (a new registration of several devices). */
  async chooseDevices(serials: readonly string[]): Promise<void> {
    const cards = this.page.locator('.device-card');
    for (let i = 0; i < (await cards.count()); i += 1) {
      const card = cards.nth(i);
      const input = card.locator('input[name="device"]');
      if (await input.isDisabled()) continue;
      const text = (await card.textContent()) ?? '';
      const wanted = serials.some((serial) => text.includes(serial));
      if (wanted !== (await input.isChecked())) await input.click();
    }
  }

  /** Types the customer's details (only fields on the form), the password twice and consents. */
  async fillDetails(customer: Partial<Record<CustomerField, string>>, password: string | null, consent = true): Promise<void> {
    for (const [field, value] of Object.entries(customer)) {
      const input = this.page.locator(`#customer-${field}`);
      if ((await input.count()) === 0 || value === undefined) continue;
      if (field === 'country') await input.selectOption(value);
      else await input.fill(value);
    }
    if (password !== null) {
      await this.page.locator('#password').fill(password);
      await this.page.locator('#password-confirm').fill(password);
    }
    if (consent) await this.page.locator('#consent').check();
  }

  /** From the welcome page to the review page of a new registration: scan, choose, type, review. */
  async reviewNew(serial: string, customer: Partial<Record<CustomerField, string>>, password: string): Promise<void> {
    await this.scan();
    await this.choose(serial, 'new');
    await this.fillDetails(customer, password);
    await this.toReview();
  }

  async toReview(): Promise<void> {
    await this.button(this.m.details.review).click();
    await this.at('review');
  }

  /** Presses Register and waits for whichever page answers. */
  async submit(): Promise<string> {
    await this.button(this.m.review.submit).click();
    const next = this.page.locator('[data-step="success"], [data-step="duplicate"], [data-step="unreachable"], [data-step="details"]');
    await next.first().waitFor();
    return (await next.first().getAttribute('data-step')) ?? '';
  }

  async registrationNumber(): Promise<string> {
    return (await this.page.getByTestId('registration-number').textContent())?.trim() ?? '';
  }

  async enterPassword(password: string): Promise<void> {
    await this.page.locator('#lookup-password').fill(password);
    await this.button(this.m.password.submit).click();
  }

  /** Saves a screenshot of the whole page. */
  async shot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
