import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, test } from './support/fixtures';

test('add-device: a peripheral joins the same registration number without retyping', async ({ wizard, checkpoint, page }) => {
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'new');
  await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
  await wizard.toReview();
  expect(await wizard.submit()).toBe('success');
  const number = await wizard.registrationNumber();

  await wizard.button(wizard.m.success.addAnother).click();
  await wizard.at('add-device');
  await expect(page.locator('.device-card')).toHaveCount(4);
  await expect(page.locator('input[type="text"], input[type="email"]')).toHaveCount(0);
  await checkpoint('choose');
  await page.locator('.device-card', { hasText: SERIALS.printer }).getByRole('radio').check();
  await wizard.button(wizard.m.addDevice.submit).click();
  await wizard.at('success');
  expect(await wizard.registrationNumber()).toBe(number);
  await checkpoint('success');
});
