import { readFile } from 'node:fs/promises';
import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { SERIALS, countPrints, expect, mailMatching, test, uniqueEmail } from './support/lifecycle-fixtures';

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
