import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, test, reachDuplicate } from './support/fixtures';

test('duplicate-detour: the typed details survive "already registered" and "choose another device", which does not preselect the refused PC', async ({ wizard, stack, checkpoint, page }) => {
  const sample = SAMPLE_CUSTOMERS[wizard.lang];
  await reachDuplicate(wizard, stack);
  await wizard.button(wizard.m.duplicate.another).click();
  await wizard.at('devices');
  // Now known to be registered: not ticked, not tickable, offered for an update instead.
  await expect(page.locator('.device-card', { hasText: SERIALS.pc }).getByRole('checkbox')).not.toBeChecked();
  await expect(page.locator('.device-card', { hasText: SERIALS.pc }).getByRole('checkbox')).toBeDisabled();
  await checkpoint('devices-after-duplicate');
  await page.locator('.device-card', { hasText: SERIALS.printer }).getByRole('checkbox').check();
  await wizard.button(wizard.m.common.continue).click();
  await wizard.at('details');
  await expect(page.locator('#customer-name')).toHaveValue(sample.name ?? '');
  await expect(page.locator('#customer-address')).toHaveValue(sample.address ?? '');
  await expect(page.locator('#consent')).toBeChecked();
  await checkpoint('details-kept');
  await wizard.toReview();
  expect(await wizard.submit()).toBe('success');
});

test('back-keeps: Back from the details page keeps what was typed', async ({ wizard, page }) => {
  await wizard.scan();
  await wizard.choose(SERIALS.printer, 'new');
  const sample = SAMPLE_CUSTOMERS[wizard.lang];
  await wizard.fillDetails(sample, null, false);
  await wizard.button(wizard.m.common.back).click();
  await wizard.at('devices');
  await expect(page.locator('.device-card', { hasText: SERIALS.printer }).getByRole('checkbox')).toBeChecked();
  await wizard.button(wizard.m.common.continue).click();
  await wizard.at('details');
  await expect(page.locator('#customer-email')).toHaveValue(sample.email ?? '');
});

test('update-then-add: after an update the signed-in PC is not offered again, and the add page has Back and Finish', async ({ wizard, stack, checkpoint, page }) => {
  await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await expect(wizard.button(wizard.m.common.cancel)).toBeVisible();
  await wizard.button(wizard.m.details.save).click();
  await wizard.at('updated');
  await wizard.button(wizard.m.updated.addDevice).click();
  await wizard.at('add-device');
  await expect(page.locator('.device-card', { hasText: SERIALS.pc })).toHaveCount(0);
  await expect(page.locator('.device-card', { hasText: SERIALS.printer })).toHaveCount(1);
  await expect(wizard.button(wizard.m.success.finish)).toBeVisible();
  await checkpoint('add-device');
  await wizard.button(wizard.m.common.back).click();
  await wizard.at('updated');
});

test('edit-cancel: Cancel on the edit page leaves without saving', async ({ wizard, stack, page }) => {
  await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await page.locator('#customer-name').fill('Changed Name');
  await wizard.button(wizard.m.common.cancel).click();
  await wizard.at('devices');
});
