import { readFile } from 'node:fs/promises';
import { registrationExportSchema } from '../../protocol';
import { PASSWORD, SERIALS, expect, mailMatching, test } from './support/lifecycle-fixtures';

test('my-registration: devices (release one), download my data, delete the registration', async ({ wizard, life, look, page }) => {
  const m = wizard.m;
  const owner = await life.seed('pc');
  const scan = await life.app.handlers.scanDevices(undefined);
  const printer = scan.ok ? scan.value.devices.find((d) => d.serial === SERIALS.printer) : undefined;
  if (!printer) throw new Error('no printer in the scan');
  const added = await life.app.handlers.addDevice({ registrationNumber: owner.registrationNumber, deviceId: printer.id });
  expect(added.ok).toBe(true);

  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  await wizard.button(m.mine.open).click();
  await wizard.at('my-registration');
  await expect(page.getByTestId('registered-device')).toHaveCount(2);
  await look('devices');

  // Release the printer: asked once more, in place, with focus on the question.
  // By keyboard alone: Enter on "Release", the question takes focus, Tab past Cancel to "Yes", Enter.
  const release = wizard.button(m.mine.release.replace('{{device}}', m.kindsLower.printer));
  await release.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('h3')).toBeFocused();
  await look('release-confirm', { headingFocused: false });
  await page.keyboard.press('Tab');
  await expect(wizard.button(m.common.cancel)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(wizard.button(m.mine.releaseConfirm)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('registered-device')).toHaveCount(1);
  await expect(page.getByTestId('released')).toContainText(m.kinds.printer);

  // Download my data: written where the customer "chose" (the test bridge's temp path), read back.
  await wizard.button(m.mine.download).click();
  await expect(page.getByTestId('saved-message')).toContainText('my-data.json');
  const savedAt = /\S+my-data\.json/.exec((await page.getByTestId('saved-message').textContent()) ?? '')?.[0] ?? '';
  expect(savedAt.startsWith(life.app.dataDir)).toBe(true);
  const exported = registrationExportSchema.parse(JSON.parse(await readFile(savedAt, 'utf8')));
  expect(exported.registrationNumber).toBe(owner.registrationNumber);
  expect(exported.customer.email).toBe(owner.email);
  expect(exported.devices.find((d) => d.serial === SERIALS.printer)?.releasedAt).toBeTruthy();
  expect(exported.devices.find((d) => d.serial === SERIALS.pc)?.releasedAt).toBeUndefined();
  // One look at the page with both answers on it: the release and the saved file.
  await look('released-and-downloaded', { headingFocused: false });

  // Delete: says what goes, and needs the registration number typed.
  await wizard.button(m.mine.deleteOpen).click();
  await wizard.at('erase');
  await expect(page.getByTestId('erase-list')).toContainText(owner.registrationNumber);
  await look('erase');
  await page.locator('#erase-confirmation').fill('0000-0000-0000');
  await wizard.button(m.erase.submit).click();
  await expect(page.locator('#erase-confirmation-error')).toHaveText(m.erase.mismatch);
  await expect(page.locator('#erase-confirmation')).toHaveAttribute('aria-invalid', 'true');
  // Typed loosely: small letters, no hyphens.
  await page.locator('#erase-confirmation').fill(owner.registrationNumber.toLowerCase().replace(/-/g, ''));
  await page.keyboard.press('Enter');
  await wizard.at('erased');
  await look('erased');
  if (wizard.lang !== 'en') return; // ja: pages checked; what the host did is checked once, in en

  // The released printer is anyone's: it registers anew. The erased registration is gone, told by mail.
  const form = await life.app.handlers.getForm(undefined);
  if (!form.ok) throw new Error('no form');
  const again = await life.app.handlers.register({ deviceId: printer.id, customer: { ...exported.customer, email: 'next-owner@example.com' }, password: 'next-owner-26', privacyPolicyVersion: form.value.privacyPolicy.version });
  expect(again.ok).toBe(true);
  const pc = scan.ok ? scan.value.devices.find((d) => d.serial === SERIALS.pc) : undefined;
  const gone = await life.app.handlers.lookup({ deviceId: pc?.id ?? '', password: PASSWORD });
  expect(gone.ok ? 'signed in' : gone.error.code).toBe('INVALID_CREDENTIALS');
  const erasedMail = await mailMatching(life.sink, owner.email, /削除|deleted|erased/i);
  expect(erasedMail.text).not.toContain(SERIALS.pc);
});
