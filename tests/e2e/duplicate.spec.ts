import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, test } from './support/fixtures';

test('duplicate: an already registered PC is refused with ways on', async ({ wizard, stack, checkpoint, page }) => {
  const m = wizard.m;
  await wizard.scan();
  // Registered after the device page asked for statuses (else the page offers only an update): the host's 409 decides.
  await stack.seed('pc');
  await wizard.choose(SERIALS.pc, 'new');
  await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], 'another-password-1');
  await wizard.toReview();
  expect(await wizard.submit()).toBe('duplicate');
  await expect(page.getByRole('alert')).toContainText(m.duplicate.matched_hardwareUuid);
  await checkpoint('duplicate');

  await wizard.button(m.duplicate.support).click();
  await expect(page.locator('#support-info')).toBeVisible();
  await checkpoint('duplicate-support', { headingFocused: false });

  await wizard.button(m.duplicate.update).click();
  await wizard.at('password');
  await checkpoint('password');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await checkpoint('edit');
});
