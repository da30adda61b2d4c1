import { PASSWORD, SERIALS, expect, test } from './support/fixtures';

test('wrong-password: says how many tries remain, then accepts the right one', async ({ wizard, stack, checkpoint, page }) => {
  await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await checkpoint('password');
  await wizard.enterPassword('not-my-password');
  await expect(page.locator('#lookup-password-error')).toHaveText(wizard.m.password.wrong_other.replace('{{count}}', '4'));
  await expect(page.locator('#lookup-password')).toHaveAttribute('aria-invalid', 'true');
  await checkpoint('password-wrong', { headingFocused: false });
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await checkpoint('edit');
});

test('lockout: too many wrong passwords lock the device and say when to try again', async ({ wizard, stack, checkpoint, page }) => {
  await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  for (let left = 4; left >= 0; left -= 1) {
    await wizard.enterPassword(`wrong-password-${left}`);
    const expected = left === 0 ? wizard.m.password.wrong_zero : (left === 1 ? wizard.m.password.wrong_one : wizard.m.password.wrong_other).replace('{{count}}', String(left));
    await expect(page.locator('#lookup-password-error')).toHaveText(expected);
  }
  await wizard.enterPassword(PASSWORD);
  const locked = wizard.m.password.locked.split('{{time}}')[0] ?? '';
  await expect(page.locator('#lookup-password-error')).toContainText(locked);
  await expect(wizard.button(wizard.m.password.submit)).toBeDisabled();
  await checkpoint('locked', { headingFocused: false });
});

test('unchanged: saving the same details writes nothing and says so', async ({ wizard, stack, checkpoint, page }) => {
  await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await wizard.button(wizard.m.details.save).click();
  await wizard.at('updated');
  await expect(page.locator('h1')).toHaveText(wizard.m.updated.unchangedHeading);
  await checkpoint('updated');
});

test('changed: corrected fields are saved and listed', async ({ wizard, stack, checkpoint, page }) => {
  await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await expect(page.locator('#customer-postalCode')).toHaveValue(/^\d{3}-\d{4}$/);
  await checkpoint('edit');
  await page.locator('#customer-address').fill(wizard.lang === 'ja' ? '大阪府大阪市北区梅田1-1-1' : '1-1-1 Umeda, Kita-ku, Osaka');
  await page.locator('#customer-phone').fill('06-1234-5678');
  await wizard.button(wizard.m.details.save).click();
  await wizard.at('updated');
  await expect(page.getByTestId('changed-fields')).toContainText(wizard.m.details.fields.address);
  await expect(page.getByTestId('changed-fields')).toContainText(wizard.m.details.fields.phone);
  await checkpoint('updated');
});
