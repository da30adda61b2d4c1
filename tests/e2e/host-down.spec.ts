import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SERIALS, expect, test, saveForLater } from './support/fixtures';

test('host-down: says the host cannot be reached, then registers once it is back', async ({ wizard, stack, checkpoint }) => {
  await wizard.reviewNew(SERIALS.printer, SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
  stack.network.down();
  expect(await wizard.submit()).toBe('unreachable');
  await checkpoint('unreachable');
  stack.network.up();
  await wizard.button(wizard.m.common.tryAgain).click();
  await wizard.at('success');
  await checkpoint('success');
});

test('finish-later: keeps the registration while offline and delivers it when the host is back', async ({ wizard, stack, checkpoint, page }) => {
  await saveForLater(wizard, stack.network);
  await expect(page.getByTestId('outbox-status')).toHaveText(wizard.m.pending.statuses.pending);
  await checkpoint('pending');
  stack.network.up();
  await wizard.button(wizard.m.pending.sendNow).click();
  await expect(page.getByTestId('registration-number')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId('outbox-status')).toHaveText(wizard.m.pending.statuses.delivered);
  await checkpoint('delivered');
});

test('start-offline: the first page says the host cannot be reached and recovers', async ({ wizard, stack, checkpoint }) => {
  stack.network.down();
  await wizard.button(wizard.m.welcome.start).click();
  await wizard.at('unreachable');
  await checkpoint('unreachable');
  stack.network.up();
  await wizard.button(wizard.m.common.tryAgain).click();
  await wizard.at('devices');
});
