import type { Page } from '@playwright/test';
import { SAMPLE_CUSTOMERS } from '../../scripts/preview/wizard-driver';
import { PASSWORD, SCREENSHOT_DIR, SERIALS, expect, seedCustomer, test } from './support/fixtures';

/** Serials of the busy-desk laptop and its peripherals (tests/fixtures/replay/busy-desk/README.md). */
const BUSY = { pc: 'PG01TCJ4', ups: '3B1741X04129', webcam: '1E0B63F0', audio: 'UC2116L03302382', drive: 'NAADEE3G', dell: '7MT019AI34EU', acer: 'TJYEE0068521' } as const;

/** The page as the customer sees it in the window (no full-page stitching, so the sticky actions show where they really are). */
async function shotAt(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${size.width}x${size.height}.png` });
}

/** True when the element is wholly inside the window as it is scrolled now. */
async function inView(page: Page, name: string): Promise<boolean> {
  const box = await page.getByRole('button', { name, exact: true }).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

test.describe('busy desk', () => {
  test.use({ replay: 'busy-desk' });

  test('device-layout: what the maker registers first (PC on top), the rest folded, Continue always in reach, one name per device', async ({ wizard, page, checkpoint }) => {
    const m = wizard.m;
    await page.setViewportSize({ width: 1024, height: 768 });
    await wizard.scan();
    await checkpoint('devices');
    const cards = page.locator('.device-card');
    // PC, printer, scanner, modem and the two monitors: the maker's kinds (the host's DEVICE_KINDS default).
    await expect(cards).toHaveCount(6);
    await expect(cards.first()).toContainText(m.kinds.pc);
    await expect(cards.first().locator('.device-name')).toHaveText('Lenovo ThinkPad L490');
    await expect(cards.first()).toContainText(`${m.devicePage.modelNumber} 20Q5S0M600`);
    await expect(cards.first().getByRole('checkbox')).toBeChecked();
    // Monitors by maker name; no raw PNP code, no maker twice.
    await expect(page.locator('.device-card', { hasText: BUSY.dell }).locator('.device-name')).toHaveText('Dell U2415');
    await expect(page.locator('.device-card', { hasText: BUSY.acer }).locator('.device-name')).toHaveText('Acer B247Y');
    for (const text of await cards.allTextContents()) expect(text).not.toMatch(/\b(DEL|ACR)\b|LENOVO|·\s*Model/);
    // UPS, webcam, audio and drives wait folded behind "Other devices"; the UPS is not an input device.
    for (const serial of [BUSY.ups, BUSY.webcam, BUSY.audio, BUSY.drive]) await expect(page.locator('.device-card', { hasText: serial })).toHaveCount(0);
    const others = page.locator('details.other-devices');
    await expect(others).not.toHaveAttribute('open');
    await expect(others.locator('li')).toHaveCount(11);
    await expect(others.locator('li', { hasText: 'Uninterruptible Power Supply' })).not.toContainText(m.kinds.input);
    await expect(others.locator('li', { hasText: 'Webcam C270' })).toContainText(m.devicePage.notMakerKind);

    // Continue (and the choice above the list) in the window at the top and at the bottom of the page.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`device page height at 1024x768 (${wizard.lang}, busy-desk): ${height}px`);
    expect(height).toBeLessThan(1400);
    expect(await inView(page, m.common.continue)).toBe(true);
    await expect(page.getByRole('radio', { name: m.devicePage.actionNew })).toBeInViewport();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await inView(page, m.common.continue)).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shotAt(page, `device-layout-${wizard.lang}-devices`, { width: 1024, height: 768 });
    await shotAt(page, `device-layout-${wizard.lang}-devices`, { width: 1920, height: 1080 });
    await others.locator('summary').click();
    await expect(others.locator('li').first()).toBeVisible();
    await checkpoint('devices-others-open', { headingFocused: false });

    // The same one name on the next pages.
    await wizard.choose(BUSY.pc, 'new');
    await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
    await wizard.toReview();
    await expect(page.locator('.facts').first()).toContainText('Lenovo ThinkPad L490');
    await expect(page.locator('.facts').first()).toContainText('20Q5S0M600');
    await checkpoint('review');
  });
});

test('device-status: a registered PC is offered for an update, never as a new registration; the rest says "not registered yet"', async ({ wizard, stack, page, checkpoint }) => {
  const m = wizard.m;
  await stack.seed('pc');
  await wizard.scan();
  await expect(page.getByRole('radio', { name: m.devicePage.actionUpdate })).toBeChecked();
  const pc = page.locator('.device-card', { hasText: SERIALS.pc });
  await expect(pc.getByRole('radio')).toBeChecked();
  await expect(pc).toContainText(m.devicePage.status.registered);
  await checkpoint('update-default');
  await page.getByRole('radio', { name: m.devicePage.actionNew }).check();
  await expect(pc.getByRole('checkbox')).toBeDisabled();
  await expect(pc.getByRole('checkbox')).not.toBeChecked();
  await expect(pc).toContainText(m.devicePage.registeredHint);
  await expect(page.locator('.device-card', { hasText: SERIALS.printer })).toContainText(m.devicePage.status.unregistered);
  // Nothing ticked: Continue says so instead of moving on.
  await wizard.button(m.common.continue).click();
  await expect(page.getByRole('alert')).toHaveText(m.devicePage.chooseAtLeastOne);
  await checkpoint('new-with-registered-pc', { headingFocused: false });
  await page.getByRole('radio', { name: m.devicePage.actionUpdate }).check();
  await wizard.button(m.common.continue).click();
  await wizard.at('password');
});

test('several-devices: PC, printer and monitor in one pass, one number, one result per device', async ({ wizard, stack, page, checkpoint }) => {
  const m = wizard.m;
  await wizard.scan();
  // Someone registers the printer after the page asked for statuses: the pass must report it, not fail.
  await stack.seed('printer', { ...seedCustomer(wizard.lang), name: 'Someone Else', email: 'else@example.com' });
  await wizard.chooseDevices([SERIALS.pc, SERIALS.printer, SERIALS.monitor]);
  await expect(page.locator('#selected-count')).toHaveText(m.devicePage.selected_other.replace('{{count}}', '3'));
  await wizard.button(m.common.continue).click();
  await wizard.at('details');
  await wizard.fillDetails(SAMPLE_CUSTOMERS[wizard.lang], PASSWORD);
  await wizard.toReview();
  await expect(page.locator('.pass-devices li')).toHaveCount(3);
  await checkpoint('review');
  expect(await wizard.submit()).toBe('success');
  const results = page.locator('.pass-results li');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toHaveAttribute('data-result', 'registered');
  await expect(results.nth(0)).toContainText(SERIALS.pc);
  await expect(results.nth(1)).toHaveAttribute('data-result', 'already-registered');
  await expect(results.nth(1)).toContainText(m.passResults.result['already-registered']);
  await expect(results.nth(2)).toHaveAttribute('data-result', 'registered');
  await checkpoint('success');
  // One registration number holds the PC and the monitor (read back from the host by an ordinary lookup).
  const number = await wizard.registrationNumber();
  const scan = await stack.handlers.scanDevices(undefined);
  const pcId = scan.ok ? scan.value.devices.find((d) => d.serial === SERIALS.pc)?.id : undefined;
  const lookup = await stack.handlers.lookup({ deviceId: pcId ?? '', password: PASSWORD });
  expect(lookup.ok && lookup.value.registrationNumber).toBe(number);
  expect(lookup.ok && lookup.value.devices.map((d) => d.kind).sort()).toEqual(['monitor', 'pc']);
  // "Register another device" offers neither what is on the registration nor the refused printer.
  await wizard.button(m.success.addAnother).click();
  await wizard.at('add-device');
  await expect(page.locator('.device-card')).toHaveCount(2);
  await expect(page.locator('.device-card', { hasText: SERIALS.printer })).toHaveCount(0);
});

test.describe('offline', () => {
  test.use({ networkPlatform: 'win32' });

  test('network-settings: the cannot-reach page opens the OS network settings; offline the device page goes on without statuses', async ({ wizard, stack, page, checkpoint }) => {
    const m = wizard.m;
    stack.network.down();
    await wizard.button(m.welcome.start).click();
    await wizard.at('unreachable');
    await wizard.button(m.networkSettings.open).click();
    await expect.poll(() => stack.openedSettings).toEqual(['ms-settings:network']);
    await checkpoint('unreachable', { headingFocused: false });
    // Connected in the settings: Try again reaches the host (and the wizard keeps its form for offline use).
    stack.network.up();
    await wizard.button(m.common.tryAgain).click();
    await wizard.at('devices');
    stack.network.down();
    await wizard.button(m.devices.rescan).click();
    await wizard.at('unreachable');
    await wizard.button(m.unreachable.offline).click();
    await wizard.at('devices');
    // Offline: no status is claimed, one device is saved for later, nothing blocks.
    await expect(page.locator('.badge')).toHaveCount(0);
    await expect(page.getByText(m.devicePage.offlineOne)).toBeVisible();
    await expect(page.locator('.device-card input[type="checkbox"]')).toHaveCount(0);
    // Signing in needs the host: "Update my registration" is not offered offline, and the page says so.
    await expect(page.getByRole('radio', { name: m.devicePage.actionUpdate })).toHaveCount(0);
    await expect(page.getByText(m.devicePage.offlineNoUpdate)).toBeVisible();
    await checkpoint('devices-offline');
    await wizard.choose(SERIALS.printer, 'new');
  });
});

test('network-settings-hidden: without a way to open them, no button', async ({ wizard, stack }) => {
  stack.network.down();
  await wizard.button(wizard.m.welcome.start).click();
  await wizard.at('unreachable');
  await expect(wizard.button(wizard.m.common.tryAgain)).toBeVisible();
  await expect(wizard.button(wizard.m.networkSettings.open)).toHaveCount(0);
});
