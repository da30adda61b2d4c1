import type { IpcHandlerMap } from '../../protocol';
import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, openWizard, test, saveForLater } from './support/fixtures';

test('welcome-delivered: once a saved registration is delivered, the welcome page says the PC is registered and offers no "don\'t ask again"', async ({ wizard, stack, checkpoint, page }) => {
  const m = wizard.m;
  await saveForLater(wizard, stack.network);
  stack.network.up();
  await wizard.button(m.pending.sendNow).click();
  await expect(page.getByTestId('outbox-status')).toHaveText(m.pending.statuses.delivered);
  await wizard.open();
  await expect(page.locator('h1')).toHaveText(m.welcome.registeredHeading);
  await expect(wizard.button(m.welcome.never)).toHaveCount(0);
  await expect(wizard.button(m.welcome.later)).toHaveCount(0);
  await expect(wizard.button(m.welcome.registerMore)).toBeVisible();
  await checkpoint('welcome-registered');
});

test('never-confirm: "Don\'t ask again" asks first and says how to open the wizard later', async ({ wizard, checkpoint, page }) => {
  const m = wizard.m;
  await wizard.button(m.welcome.never).click();
  await expect(page.locator('#never-heading')).toBeFocused();
  await expect(page.locator('.confirm')).toContainText(m.welcome.neverConfirmBody);
  await checkpoint('never-confirm', { headingFocused: false });
  await wizard.button(m.welcome.neverCancel).click();
  await expect(wizard.button(m.welcome.start)).toBeVisible();
});

test('form-errors: the summary links to each field, the consent error goes once ticked, and the heading shows no input-like ring', async ({ wizard, checkpoint, page }) => {
  await wizard.scan();
  await wizard.choose(SERIALS.printer, 'new');
  const outline = await page.locator('h1').evaluate((h) => getComputedStyle(h).outlineStyle);
  expect(outline).toBe('none');
  await wizard.fillDetails({ ...SAMPLE_CUSTOMERS[wizard.lang], name: '' }, PASSWORD, false);
  await wizard.button(wizard.m.details.review).click();
  const links = page.locator('.error-summary a');
  await expect(links).toHaveCount(2);
  await checkpoint('errors', { headingFocused: false });
  await links.filter({ hasText: wizard.m.details.fields.name }).click();
  await expect(page.locator('#customer-name')).toBeFocused();
  await page.locator('#consent').check();
  await expect(page.locator('#consent-error')).toHaveCount(0);
});

test('busy-focus: while sending, the focus stays on the Register button instead of falling to the page', async ({ stack, lang, page }) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handlers: IpcHandlerMap = { ...stack.handlers, register: async (arg) => {
    await gate;
    return stack.handlers.register(arg);
  } };
  const wizard = await openWizard(page, lang, handlers);
  await wizard.reviewNew(SERIALS.printer, SAMPLE_CUSTOMERS[lang], PASSWORD);
  await wizard.button(wizard.m.review.submit).focus();
  await page.keyboard.press('Enter');
  const busy = page.locator('button[aria-busy="true"]');
  await expect(busy).toBeFocused();
  await expect(busy).toHaveAttribute('aria-disabled', 'true');
  release();
  await wizard.at('success');
});

test('japanese-typography: strict line breaking in Japanese, addresses and e-mails wrap only where they must', async ({ wizard, lang, page }) => {
  await wizard.reviewNew(SERIALS.printer, SAMPLE_CUSTOMERS[lang], PASSWORD);
  const style = await page.locator('.facts dd').first().evaluate((dd) => ({ lineBreak: getComputedStyle(dd).lineBreak, wrap: getComputedStyle(dd).overflowWrap }));
  expect(style.wrap).toBe('anywhere');
  expect(style.lineBreak).toBe(lang === 'ja' ? 'strict' : 'auto');
  if (lang === 'ja') expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).wordBreak)).toBe('keep-all');
});
