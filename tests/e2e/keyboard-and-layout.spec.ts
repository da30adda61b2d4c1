import type { Page } from '@playwright/test';
import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SCREENSHOT_DIR, SERIALS, expect, test } from './support/fixtures';

/** Presses Tab until the element matching `selector` has focus (fails after 40 presses). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

test('keyboard: a new registration with the keyboard alone', async ({ wizard, page }) => {
  const m = wizard.m;
  await tabTo(page, `button:text-is("${m.welcome.start}")`);
  await page.keyboard.press('Enter');
  await wizard.at('devices');
  await expect(page.locator('h1')).toBeFocused();
  // The PC comes ticked; Space unticks it, Tab and Space tick the printer instead.
  await tabTo(page, '.device-card input[type="checkbox"]:checked');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.locator('.device-card', { hasText: SERIALS.pc }).getByRole('checkbox')).not.toBeChecked();
  await expect(page.locator('.device-card', { hasText: SERIALS.printer }).getByRole('checkbox')).toBeChecked();
  await tabTo(page, `button:text-is("${m.common.continue}")`);
  await page.keyboard.press('Enter');
  await wizard.at('details');
  await expect(page.locator('h1')).toBeFocused();
  const customer = SAMPLE_CUSTOMERS[wizard.lang];
  for (const field of ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address'] as const) {
    const value = customer[field];
    if (value === undefined || (await page.locator(`#customer-${field}`).count()) === 0) continue;
    await tabTo(page, `#customer-${field}`);
    await page.keyboard.type(value);
  }
  await tabTo(page, '#customer-country');
  await page.keyboard.press('Home');
  await expect(page.locator('#customer-country')).toHaveValue('JP');
  await tabTo(page, '#password');
  await page.keyboard.type(PASSWORD);
  await tabTo(page, '#password-confirm');
  await page.keyboard.type(PASSWORD);
  await tabTo(page, '#consent');
  await page.keyboard.press('Space');
  await tabTo(page, `button:text-is("${m.details.review}")`);
  await page.keyboard.press('Enter');
  await wizard.at('review');
  await tabTo(page, `button:text-is("${m.review.submit}")`);
  await page.keyboard.press('Enter');
  await wizard.at('success');
  await expect(page.locator('h1')).toBeFocused();
});

for (const size of [{ width: 1024, height: 768 }, { width: 1920, height: 1080 }]) {
  test(`layout-${size.width}x${size.height}: every step fits without sideways scrolling`, async ({ wizard, page }) => {
    await page.setViewportSize(size);
    const fits = async (step: string) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow on ${step}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/layout-${size.width}x${size.height}-${wizard.lang}-${step}.png` });
    };
    await fits('welcome');
    await wizard.scan();
    await fits('devices');
    await wizard.choose(SERIALS.pc, 'new');
    await fits('details');
    await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
    await wizard.toReview();
    await fits('review');
    await wizard.submit();
    await fits('success');
  });
}
