import type { Page } from '@playwright/test';
import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, test, saveForLater, reachDuplicate } from './support/fixtures';

/** The step indicator as shown: the current step's label, the labels marked done and how many steps there are. */
async function steps(page: Page): Promise<{ current: string; done: string[]; total: number }> {
  const nav = page.locator('nav.steps');
  return {
    current: (await nav.locator('li[aria-current="step"] .step-label').textContent()) ?? '',
    done: await nav.locator('li.done .step-label').allTextContents(),
    total: await nav.locator('li').count(),
  };
}

test('steps-duplicate: the duplicate page stays on Review, not "Done", and talks of the device, not of "someone"', async ({ wizard, stack, checkpoint, page }) => {
  const m = wizard.m;
  await reachDuplicate(wizard, stack);
  expect(await steps(page)).toEqual({ current: m.steps.review, done: [m.steps.start, m.steps.device, m.steps.details], total: 5 });
  await expect(page.locator('main')).not.toContainText(/someone|Someone|どなたかが/);
  await expect(page.locator('main')).not.toContainText(/Hardware ID|ハードウェア ID/);
  await wizard.button(m.duplicate.support).click();
  // The support text asks for the model and serial "shown below": they are.
  await expect(page.locator('#support-info')).toContainText(SERIALS.pc);
  await checkpoint('duplicate-support', { headingFocused: false });
});

test('steps-start-offline: "cannot reach" at Start shows step 1, nothing done', async ({ wizard, stack, checkpoint, page }) => {
  stack.network.down();
  await wizard.button(wizard.m.welcome.start).click();
  await wizard.at('unreachable');
  expect(await steps(page)).toEqual({ current: wizard.m.steps.start, done: [], total: 5 });
  await checkpoint('unreachable');
});

test('steps-saved: a registration saved for later stays on Review until the host has it, then Done', async ({ wizard, stack, page }) => {
  const m = wizard.m;
  await saveForLater(wizard, stack.network);
  expect(await steps(page)).toEqual({ current: m.steps.review, done: [m.steps.start, m.steps.device, m.steps.details], total: 5 });
  stack.network.up();
  await wizard.button(m.pending.sendNow).click();
  await expect(page.getByTestId('outbox-status')).toHaveText(m.pending.statuses.delivered);
  expect(await steps(page)).toMatchObject({ current: m.steps.done, total: 5 });
});

test('steps-add: adding a device keeps the five steps of the registration and ends on Done', async ({ wizard, page }) => {
  await wizard.reviewNew(SERIALS.pc, SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
  expect(await wizard.submit()).toBe('success');
  await wizard.button(wizard.m.success.addAnother).click();
  await wizard.at('add-device');
  expect(await steps(page)).toMatchObject({ current: wizard.m.steps.device, total: 5 });
});

test('edit-wording: one "optional" on the new-password field and a full-width colon after the registration number label', async ({ wizard, stack, checkpoint, page }) => {
  const created = await stack.seed('pc');
  await wizard.scan();
  await wizard.choose(SERIALS.pc, 'update');
  await wizard.enterPassword(PASSWORD);
  await wizard.at('edit');
  const label = (await page.locator('label[for="password"]').textContent()) ?? '';
  expect(label.split(wizard.m.common.optional).length - 1).toBe(1);
  const colon = wizard.lang === 'ja' ? '：' : ': ';
  await expect(page.locator('.lead').first()).toHaveText(`${wizard.m.success.number}${colon}${created.registrationNumber}`);
  await checkpoint('edit');
});
