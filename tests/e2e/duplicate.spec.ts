import { PASSWORD, expect, test, reachDuplicate } from './support/fixtures';

test('duplicate: an already registered PC is refused with ways on', async ({ wizard, stack, checkpoint, page }) => {
  const m = wizard.m;
  await reachDuplicate(wizard, stack);
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
