import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { SAMPLE_CUSTOMERS, type WizardDriver } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, countPrints, expect, mailMatching, test, uniqueEmail } from './support/lifecycle-fixtures';

test('receipt: the success page says the mail was sent, and saves or prints the details', async ({ wizard, life, look, page }) => {
  const m = wizard.m;
  const prints = await countPrints(page);
  await page.reload();
  await wizard.at('welcome');
  const email = uniqueEmail(wizard.lang);
  await wizard.reviewNew(SERIALS.pc, { ...SAMPLE_CUSTOMERS[wizard.lang], email }, 'receipt-password-26');
  expect(await wizard.submit()).toBe('success');
  const number = await wizard.registrationNumber();
  await expect(page.getByTestId('mail-note')).toContainText(email);
  await look('success');

  // The mail really went, in the wizard's language (the registration's locale).
  const mail = await mailMatching(life.sink, email, new RegExp(number));
  expect(mail.subject).toBe(wizard.lang === 'en' ? 'Your product is registered' : '製品登録が完了しました');
  // Each fact as label, separator, value: "登録番号：" in Japanese, "Registration number: " in English.
  await expect(page.locator('.receipt-text')).toContainText(`${m.success.number}${wizard.lang === 'ja' ? '：' : ': '}${number}`);
  if (wizard.lang !== 'en') return; // ja: page checked and the mail's language; saving and printing run in en

  await wizard.button(m.receipt.save).click();
  await expect(page.getByTestId('saved-receipt')).toContainText('.txt');
  const path = /\S+\.txt/.exec((await page.getByTestId('saved-receipt').textContent()) ?? '')?.[0] ?? '';
  expect(path.startsWith(life.app.dataDir)).toBe(true);
  const saved = await readFile(path, 'utf8');
  expect(saved).toContain(number);
  expect(saved).toContain(SERIALS.pc);
  // The device by its one name, as on every page (not "PC Dell Inc. Inspiron 620").
  expect(saved).toContain(`${m.kinds.pc} Dell Inspiron 620`);
  expect(saved).not.toContain('Dell Inc.');
  // A receipt, not a copy of the customer's details.
  expect(saved).not.toContain(email);
  await look('saved', { headingFocused: false });

  await wizard.button(m.receipt.print).click();
  expect(await prints()).toBe(1);
});

/** Signed in to the seeded PC's registration, on the page that edits its details. */
async function signInToUpdate(wizard: WizardDriver): Promise<void> {
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
}

/** From the "details saved" page: adds the printer to the same registration, ending on the success page. */
async function addPrinter(wizard: WizardDriver, page: Page): Promise<void> {
  await wizard.button(wizard.m.updated.addDevice).click();
  await wizard.at('add-device');
  await page.locator('.device-card', { hasText: SERIALS.printer }).getByRole('radio').check();
  await wizard.button(wizard.m.addDevice.submit).click();
  await wizard.at('success');
}

// Signed in to an existing registration (nothing typed in this session): the notices still say where they went.
test('receipt-password: a password change says that the mail went to the address on record, and a device can still be added', async ({ wizard, life, look, page }) => {
  const m = wizard.m;
  const owner = await life.seed('pc');
  await signInToUpdate(wizard);
  await page.locator('#password').fill('a-changed-passphrase-26');
  await page.locator('#password-confirm').fill('a-changed-passphrase-26');
  await wizard.button(m.details.save).click();
  await wizard.at('updated');
  await expect(page.getByTestId('changed-fields')).toContainText(m.updated.password);
  await expect(page.getByTestId('mail-note')).toHaveText(m.updated.passwordMail.replace('{{email}}', owner.email));
  await look('updated-password');
  // The seeded registration's locale is the host's default (ja), whatever the wizard shows.
  await mailMatching(life.sink, owner.email, new RegExp(`${owner.registrationNumber} のパスワードが変更されました`));

  // The new password ended the old session; the wizard signed in again with it, so adding a device just works.
  await addPrinter(wizard, page);
  await expect(page.getByTestId('mail-note')).toHaveText(m.receipt.mailSent.replace('{{email}}', owner.email));
});

test('receipt-added: after signing in, an update without a new password says no mail, and an added device says where its mail went', async ({ wizard, life, look, page }) => {
  const m = wizard.m;
  const owner = await life.seed('pc');
  await signInToUpdate(wizard);
  await page.locator('#customer-phone').fill('06-1234-5678');
  await wizard.button(m.details.save).click();
  await wizard.at('updated');
  await expect(page.getByTestId('changed-fields')).toContainText(m.details.fields.phone);
  await expect(page.getByTestId('mail-note')).toHaveCount(0);

  await addPrinter(wizard, page);
  expect(await wizard.registrationNumber()).toBe(owner.registrationNumber);
  await expect(page.getByTestId('mail-note')).toHaveText(m.receipt.mailSent.replace('{{email}}', owner.email));
  await look('added');
  const added = await mailMatching(life.sink, owner.email, /追加された機器/);
  expect(added.subject).toBe('登録に機器が追加されました');
  expect(added.text).toContain(SERIALS.printer.slice(-4));
});
