import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, test } from './support/fixtures';

test('new: registers the PC and shows a copyable registration number', async ({ wizard, stack, checkpoint, page }) => {
  const m = wizard.m;
  await checkpoint('welcome');
  const release = stack.holdScan();
  await wizard.button(m.welcome.start).click();
  await wizard.at('scanning');
  await expect(page.getByRole('status')).toContainText(m.scanning.status);
  await checkpoint('scanning');
  release();
  await wizard.at('devices');
  await checkpoint('devices');
  await expect(page.locator('.device-card')).toHaveCount(5);
  await expect(page.locator('.other-devices li')).toHaveCount(3);
  await page.locator('.other-devices summary').click();
  await expect(page.locator('.other-devices')).toContainText(m.reasons['no-serial']);

  await wizard.choose(SERIALS.pc, 'new');
  await checkpoint('details');
  await wizard.button(m.details.review).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.locator('#customer-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#customer-name')).toBeFocused();
  await checkpoint('details-errors', { headingFocused: false });

  await wizard.fillDetails({ ...SAMPLE_CUSTOMERS[wizard.lang], postalCode: '１０００００１' }, PASSWORD);
  await page.locator('#password-confirm').fill(`${PASSWORD}x`);
  await wizard.button(m.details.review).click();
  await expect(page.locator('#password-confirm-error')).toHaveText(m.validation.mismatch);
  await page.locator('#password-confirm').fill(PASSWORD);
  await wizard.toReview();
  await expect(page.locator('.review-grid')).toContainText(SERIALS.pc);
  await expect(page.locator('.review-grid')).toContainText('100-0001');
  await expect(page.locator('.review-grid input')).toHaveCount(0);
  await checkpoint('review');

  expect(await wizard.submit()).toBe('success');
  const number = await wizard.registrationNumber();
  expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByText(m.success.keep)).toBeVisible();
  await checkpoint('success');
  await wizard.button(m.success.copy).click();
  await expect(page.getByText(m.success.copied)).toBeVisible();
});

test('language: follows the OS language and switches on any page', async ({ wizard, page }) => {
  const other = wizard.lang === 'ja' ? 'en' : 'ja';
  await expect(page.locator('html')).toHaveAttribute('lang', wizard.lang);
  await wizard.scan();
  await page.getByRole('button', { name: other === 'ja' ? '日本語' : 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', other);
  await expect(page.locator('h1')).toHaveText(other === 'ja' ? '機器を選んでください' : 'Choose your devices');
});
