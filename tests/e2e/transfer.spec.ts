import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { SERIALS, expect, mailMatching, test, uniqueEmail } from './support/lifecycle-fixtures';

/** The owner approves on the host's page, as from the link in the mail (cookie + CSRF field). */
async function approveFromMail(link: string): Promise<void> {
  const page = await fetch(link);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const posted = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ decision: 'approve', csrf }).toString(),
  });
  expect(posted.status).toBe(200);
}

test('transfer: a second-hand PC is asked for, approved by the owner, shown on the next launch and registered', async ({ wizard, life, look, page }) => {
  const m = wizard.m;
  const owner = await life.seed('pc');
  const buyer = { ...SAMPLE_CUSTOMERS[wizard.lang], email: uniqueEmail(wizard.lang) };
  // The device page already knows the PC is registered: the buyer opens its ways on from its card, before typing anything.
  await wizard.scan();
  const card = page.locator('.device-card', { hasText: SERIALS.pc });
  // A registered PC opens on "Update my registration"; its card says what to do when it is not yours.
  await expect(page.getByRole('radio', { name: m.devicePage.actionUpdate })).toBeChecked();
  await card.getByRole('button', { name: m.devicePage.notMine }).click();
  await wizard.at('duplicate');
  await expect(page.locator('h1')).toHaveText(m.duplicate.heading.replace('{{device}}', m.kindsLower.pc));
  await expect(wizard.button(m.forgot.link)).toBeVisible();
  await look('duplicate');
  // Contact support shows what the maker's registration search needs: model and serial.
  await wizard.button(m.duplicate.support).click();
  await expect(page.locator('#support-info')).toContainText(SERIALS.pc);

  await wizard.button(m.transfer.ask).focus();
  await page.keyboard.press('Enter');
  await wizard.at('transfer-requested');
  await expect(page.getByTestId('transfer-status')).toHaveText(m.transfer.statuses.pending);
  await look('requested');

  // The owner's mail carries the decision link; nothing of the buyer is in it.
  const mail = await mailMatching(life.sink, owner.email, /\/transfer\/[A-Za-z0-9_-]+/);
  expect(mail.text).not.toContain(buyer.email);
  const link = /(http:\/\/[^\s"<]+\/transfer\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';

  // Next launch, still undecided: the first page says it waits.
  await life.relaunch();
  await page.reload();
  await wizard.at('welcome');
  await expect(page.getByTestId('transfer-notice-status')).toContainText(m.transfer.statuses.pending);
  await look('welcome-pending');
  if (wizard.lang !== 'en') return; // ja: pages checked; the decision and the registration run in en

  await approveFromMail(link);
  await life.relaunch();
  await page.reload();
  await wizard.at('welcome');
  await expect(page.getByTestId('transfer-notice-status')).toContainText(m.transfer.statuses.approved);
  await look('welcome-approved');

  await wizard.button(m.transfer.registerNow).click();
  await wizard.at('devices');
  await wizard.choose(SERIALS.pc, 'new');
  await wizard.fillDetails(buyer, 'buyer-password-26');
  await wizard.toReview();
  expect(await wizard.submit()).toBe('success');
  expect(await wizard.registrationNumber()).not.toBe(owner.registrationNumber);
});
