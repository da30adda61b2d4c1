import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Download, Page } from '@playwright/test';
import { CONSOLE_SCREENSHOTS, expect, test } from './support/console-fixtures';
import { startOperatorStack, type OperatorStack } from './support/operator-stack';
import type { en } from '../../../renderer/console/i18n/en';
import type { TestAccount } from '../../support/oidc-provider';
import { axeViolations } from '../support/axe';

const EXPORT_HEADER = ['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt'];
const PERSONAL_HEADER = ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'];
const ADMIN_ACTOR = 'admin Ada Admin';

type Text = typeof en;

/** Signs a person in the way they would: the console's button, the provider's login and consent forms, back to the console. */
async function signIn(page: Page, stack: OperatorStack, account: TestAccount, text: Text): Promise<void> {
  await page.goto(`${stack.operatorUrl}/`);
  await page.getByRole('link', { name: text.signIn.button }).click();
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('navigation', { name: text.nav.label })).toBeVisible();
}

/** Runs a search from the search page's form, the way an agent types it, and waits for the hash to carry it. */
async function search(page: Page, q: string, text: Text): Promise<void> {
  await page.getByLabel(text.search.query).fill(q);
  await page.getByLabel(text.search.query).press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/search\\?q=${encodeURIComponent(q.trim()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%20/g, '(\\+|%20)')}`));
}

/** The registration numbers the results table lists. */
const resultNumbers = (page: Page) => page.locator('table.table tbody tr td:first-child a');

/** CSV text as rows of cells (csv-parse, so quoting is read as a spreadsheet would). */
function readRows(bytes: string): string[][] {
  const rows: unknown = parse(bytes, { relax_column_count: true });
  if (!Array.isArray(rows) || !rows.every((row): row is string[] => Array.isArray(row) && row.every((cell) => typeof cell === 'string'))) throw new Error('not CSV rows');
  return rows;
}

/** A downloaded file's bytes, parsed as CSV (rows of cells). */
async function csvOf(download: Download): Promise<{ bytes: string; rows: string[][] }> {
  const bytes = await readFile(await download.path(), 'utf8');
  return { bytes, rows: readRows(bytes) };
}

/** What a customer types for a number: lower case, no hyphens, 0 as O and 1 as l (API.md's typed-input rules). */
const typedNumber = (number: string) => number.toLowerCase().replace(/-/g, '').replace(/0/g, 'o').replace(/1/g, 'l');

/** A state that is not a fresh page (an open dialog, a result): axe and a screenshot, without the heading-focus check. */
async function snap(page: Page, name: string, lang: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: resolve(CONSOLE_SCREENSHOTS, `${name}-${lang}.png`), fullPage: true });
}

/** One host and provider per test, holding A, B, C, the refused duplicate and the pending transfer. */
const flows = test.extend<{ stack: OperatorStack }>({
  stack: async ({}, use) => {
    const stack = await startOperatorStack();
    await use(stack);
    await stack.close();
  },
});

flows.describe('operator console flows against a host that signs people in at a real OpenID provider', () => {

  // Lean: Japanese (the customers' language) walks every flow at 1024x768; English signs in and keeps a screenshot and an axe pass of every page at 1920x1080.
  flows('ja walks sign-in, search, detail, release, export, refusals, transfers, audit and manifests; en gets every page screenshot and axe', async ({ stack, page, browser, lang, text, checkpoint }) => {
    flows.setTimeout(180_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const nav = page.getByRole('navigation', { name: text.nav.label });
    const { a, b, c } = stack;

    if (lang !== 'ja') {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${stack.operatorUrl}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.signIn.heading);
      await checkpoint('flow-sign-in');
      await signIn(page, stack, 'admin', text);
      await expect(page.getByTestId('registrations-total')).toHaveText('3');
      await checkpoint('flow-dashboard');
      await nav.getByRole('link', { name: text.nav.search }).click();
      await search(page, a.device.serial ?? '', text);
      await expect(resultNumbers(page)).toHaveText([a.number]);
      await checkpoint('flow-search');
      await resultNumbers(page).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(a.number);
      await expect(page.getByText(text.findings.cloned_installation)).toBeVisible();
      await checkpoint('flow-registration');
      for (const [link, expected, name] of [
        [text.nav.refusals, a.number, 'flow-refusals'],
        [text.nav.transfers, c.number, 'flow-transfers'],
        [text.nav.audit, a.number, 'flow-audit'],
        [text.nav.manifests, text.manifests.fileHint, 'flow-manifests'],
      ] as const) {
        await nav.getByRole('link', { name: link }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(link === text.nav.audit ? text.audit.heading : link === text.nav.manifests ? text.manifests.heading : link === text.nav.refusals ? text.refusals.heading : text.transfers.heading);
        await expect(page.getByText(expected).first()).toBeVisible();
        await checkpoint(name);
      }
      expect(problems).toEqual([]);
      return;
    }

    await page.setViewportSize({ width: 1024, height: 768 });

    // Sign-in through the provider's own forms; the role comes from its claim.
    await page.goto(`${stack.operatorUrl}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.signIn.heading);
    await checkpoint('flow-sign-in');
    await signIn(page, stack, 'admin', text);
    await expect(page.getByText(text.nav.signedInAs.replace('{{name}}', 'Ada Admin').replace('{{role}}', text.roles.admin))).toBeVisible();
    await expect(nav.getByRole('link')).toHaveText([text.nav.dashboard, text.nav.search, text.nav.refusals, text.nav.transfers, text.nav.audit, text.nav.manifests]);
    await expect(page.getByTestId('registrations-total')).toHaveText('3');
    await expect(page.locator('.chart .recharts-bar-rectangle').first()).toBeVisible();
    await checkpoint('flow-dashboard');

    // Search: each key kind, typed as a customer reads it out, finds A and nothing else.
    await nav.getByRole('link', { name: text.nav.search }).click();
    await checkpoint('flow-search-empty');
    for (const q of [
      typedNumber(a.number),
      (a.device.serial ?? '').toLowerCase(),
      (a.device.hardwareUuid ?? '').toUpperCase(),
      (a.customer.email ?? '').toUpperCase(),
      '+81 90 4821 7730',
      '桐生',
      'ｷﾘｭｳ',
    ]) {
      await search(page, q, text);
      await expect(resultNumbers(page), `search for ${q}`).toHaveText([a.number]);
    }
    await search(page, 'no-such-thing-anywhere', text);
    await expect(page.getByRole('status').filter({ hasText: text.search.none })).toBeVisible();
    await page.getByLabel(text.search.query).fill('');
    await page.getByLabel(text.search.kind).selectOption('printer');
    await page.getByRole('button', { name: text.common.search, exact: true }).click();
    await expect(resultNumbers(page)).toHaveText([c.number]);
    await page.getByLabel(text.search.kind).selectOption('');
    await search(page, '桐生', text);
    await expect(page.locator('table.table tbody')).toContainText(a.customer.email ?? '');
    await checkpoint('flow-search');

    // Detail: customer, devices with findings, consent history, audit timeline.
    await resultNumbers(page).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(a.number);
    const customer = page.locator('section').filter({ has: page.getByRole('heading', { name: text.registration.customer }) });
    await expect(customer).toContainText(a.customer.name);
    await expect(customer).toContainText(a.customer.email ?? '');
    const devices = page.locator('section').filter({ has: page.getByRole('heading', { name: text.registration.devices }) });
    await expect(devices).toContainText(a.device.serial ?? '');
    await expect(devices).toContainText(a.device.hardwareUuid ?? '');
    await expect(devices.locator('.finding')).toHaveText([text.findings.cloned_installation]);
    await expect(page.locator('section').filter({ has: page.getByRole('heading', { name: text.registration.consents }) })).toContainText('2026-01');
    const history = page.locator('section').filter({ has: page.getByRole('heading', { name: text.registration.events }) });
    await expect(history).toContainText(text.actions.registered);
    // The agent's seven searches each read A's name and e-mail: one folded line with its count, not seven.
    await expect(history.locator('li').filter({ hasText: text.actions.operator_viewed }).locator('.repeat').first()).toBeVisible();
    await checkpoint('flow-registration');

    // Release: asks a reason, refuses a short one, confirms with the reason quoted, then acts.
    const deviceName = `${a.device.vendor} ${a.device.model ?? ''}`.trim();
    const releaseTitle = text.registration.releaseTitle.replace('{{device}}', deviceName);
    await page.getByRole('button', { name: releaseTitle }).click();
    const dialog = page.getByRole('dialog', { name: releaseTitle });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(text.reason.label).fill('ab');
    await dialog.getByRole('button', { name: text.reason.check }).click();
    await expect(dialog.locator('.field-error')).toHaveText(text.reason.tooShort.replace('{{min}}', '3'));
    const reason = `Customer sold the PC (call ${crypto.randomBytes(2).toString('hex')})`;
    await dialog.getByLabel(text.reason.label).fill(reason);
    // Typing again clears the complaint about the earlier, too short reason.
    await expect(dialog.locator('.field-error')).toHaveText('');
    await snap(page, 'flow-release-reason', lang);
    await dialog.getByRole('button', { name: text.reason.check }).click();
    await expect(dialog.locator('.quote')).toContainText(reason);
    await expect(dialog.getByRole('button', { name: text.registration.releaseConfirm })).toBeFocused();
    await snap(page, 'flow-release-confirm', lang);
    await dialog.getByRole('button', { name: text.registration.releaseConfirm }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(text.registration.releasedDone)).toBeVisible();
    await expect(devices).toContainText(text.registration.released);
    await expect(page.getByRole('button', { name: releaseTitle })).toHaveCount(0);
    await expect(history.locator('li').filter({ hasText: text.actions.operator_released })).toContainText(ADMIN_ACTOR);
    await expect(history.locator('li').filter({ hasText: text.actions.operator_released })).toContainText(reason);
    // The same device now registers anew through the customer API.
    expect(await stack.register(a.device)).toBe(201);

    // Export: a CSV download whose bytes keep formula cells inert and carry the personal columns for admin.
    await nav.getByRole('link', { name: text.nav.search }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: text.search.export }).click()]);
    expect(download.suggestedFilename()).toBe('registrations.csv');
    const exported = await csvOf(download);
    expect(exported.rows[0]).toEqual([...EXPORT_HEADER, ...PERSONAL_HEADER]);
    // One row per registered device: A's released PC is gone, the same PC under its new registration, B's PC and C's printer.
    const rowOf = (number: string) => exported.rows.find((row) => row[0] === number);
    expect(exported.rows.length - 1).toBe(3);
    expect(rowOf(a.number)).toBeUndefined();
    expect(exported.rows.filter((row) => row[4] === a.device.serial)).toHaveLength(1);
    expect(rowOf(b.number)?.[7]).toBe(`'${b.customer.name}`);
    expect(rowOf(b.number)?.[12]).toBe(`'${b.customer.address}`);
    expect(rowOf(c.number)?.[9]).toBe('');
    for (const row of exported.rows) for (const cell of row) expect(cell, `cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(exported.bytes).not.toMatch(/(^|,)"?[=@]/m);

    // Refusals: why the second registration of A's PC was refused, and who holds it.
    await nav.getByRole('link', { name: text.nav.refusals }).click();
    const refusal = page.locator('table.table tbody tr').filter({ hasText: a.device.serial ?? '' });
    await expect(refusal).toHaveCount(1);
    await expect(refusal.getByRole('link', { name: a.number })).toBeVisible();
    await expect(refusal).toContainText(text.refusals.reasons.duplicate.split('（')[0]?.split(' (')[0] ?? '');
    await checkpoint('flow-refusals');

    // Transfers: C's printer waits for an operator; approve with a reason, then it is listed as approved by the admin.
    await nav.getByRole('link', { name: text.nav.transfers }).click();
    const pending = page.locator('li.transfer');
    await expect(pending).toHaveCount(1);
    await expect(pending).toContainText(c.device.serial ?? '');
    await expect(pending.getByRole('link', { name: c.number })).toBeVisible();
    await checkpoint('flow-transfers');
    await pending.getByRole('button', { name: text.transfers.approveTitle }).click();
    const approve = page.getByRole('dialog', { name: text.transfers.approveTitle });
    await approve.getByLabel(text.reason.label).fill('Buyer showed the receipt');
    await approve.getByRole('button', { name: text.reason.check }).click();
    await approve.getByRole('button', { name: text.transfers.approveConfirm }).click();
    await expect(page.getByText(text.transfers.done)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: text.transfers.none })).toBeVisible();
    await page.getByLabel(text.transfers.status).selectOption('approved');
    await expect(page.locator('li.transfer')).toContainText(ADMIN_ACTOR);
    await expect(page.locator('li.transfer')).toContainText('Buyer showed the receipt');
    const transferStatus = await fetch(`${stack.customerUrl}/api/v1/transfers/${c.transferId}`).then((response) => response.json() as Promise<{ status: string }>);
    expect(transferStatus.status).toBe('approved');

    // Audit: filter by actor, by registration (typed), by today's date; the CSV holds the same rows.
    await nav.getByRole('link', { name: text.nav.audit }).click();
    await expect(page.locator('table.table tbody tr').first()).toBeVisible();
    await checkpoint('flow-audit');
    const auditRows = page.locator('table.table tbody tr');
    // The actor filter takes the exact recorded name: clicking it in a row sets it.
    await auditRows.filter({ hasText: reason }).getByRole('link', { name: new RegExp(ADMIN_ACTOR) }).click();
    await expect(page).toHaveURL(/#\/audit\?actor=/);
    await expect(page.getByLabel(text.audit.actor)).toHaveValue(ADMIN_ACTOR);
    // The release by hand and the one the approved transfer made, each with its reason.
    await expect(auditRows.filter({ hasText: text.actions.operator_released })).toHaveCount(2);
    await expect(auditRows.filter({ hasText: reason })).toContainText(text.actions.operator_released);
    await expect(auditRows.filter({ hasText: text.actions.exported })).toHaveCount(1);
    await expect(auditRows.filter({ hasText: text.actions.transfer_decided })).toHaveCount(1);
    for (const who of await auditRows.locator('td:nth-child(2)').allTextContents()) expect(who).toContain(ADMIN_ACTOR);
    await page.getByLabel(text.audit.actor).fill('');
    await page.getByLabel(text.audit.registrationNumber).fill(typedNumber(a.number));
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel(text.audit.from).fill(today);
    await page.getByLabel(text.audit.to).fill(today);
    await page.getByRole('button', { name: text.common.apply }).click();
    await expect(auditRows.filter({ hasText: text.actions.operator_released })).toHaveCount(1);
    for (const subject of await auditRows.locator('td:nth-child(4)').allTextContents()) expect(subject).toBe(a.number);
    const [auditDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: text.common.download }).click()]);
    const audit = await csvOf(auditDownload);
    const header = audit.rows[0] ?? [];
    const action = header.indexOf('action');
    expect(action).toBeGreaterThanOrEqual(0);
    expect(audit.rows.slice(1).map((row) => row[action])).toContain('operator_released');
    expect(audit.rows.slice(1).length).toBe(await auditRows.count());
    expect(audit.bytes).toContain(reason);
    for (const value of [a.customer.name, a.customer.email ?? '', a.customer.phone ?? '', a.customer.address]) expect(audit.bytes).not.toContain(value);

    // Manifests: per-row results of an upload, with the rejected rows by line.
    await nav.getByRole('link', { name: text.nav.manifests }).click();
    await checkpoint('flow-manifests');
    const manifest = [
      'kind,vendor,model,serial,hardwareUuid',
      `pc,LENOVO,ThinkPad T14,PFMANI${crypto.randomBytes(3).toString('hex').toUpperCase()},${crypto.randomUUID()}`,
      'pc,LENOVO,ThinkPad T14,To Be Filled By O.E.M.,',
      'printer,Canon,PIXUS TS8330,CNMANI0002,',
      'printer,Canon,PIXUS TS8330,CNMANI0002,',
    ].join('\n');
    await page.getByLabel(text.manifests.file).setInputFiles({ name: 'manifest.csv', mimeType: 'text/csv', buffer: Buffer.from(`${manifest}\n`) });
    await page.getByRole('button', { name: text.manifests.upload }).click();
    const result = page.locator('section').filter({ has: page.getByRole('heading', { name: text.manifests.result }) });
    await expect(page.getByRole('heading', { name: text.manifests.result })).toBeFocused();
    const counts = Object.fromEntries(await result.locator('.counts > div').evaluateAll((items) => items.map((item) => [item.querySelector('dt')?.textContent ?? '', item.querySelector('dd')?.textContent ?? ''])));
    expect(counts).toEqual({ [text.manifests.rows]: '4', [text.manifests.added]: '2', [text.manifests.unchanged]: '0', [text.manifests.updated]: '0', [text.manifests.rejected]: '2' });
    const rejected = result.locator('table.table tbody tr');
    await expect(rejected.locator('td:first-child')).toHaveText(['3', '5']);
    await expect(rejected.locator('td:nth-child(2)')).toHaveText([text.manifests.codes.JUNK_SERIAL, text.manifests.codes.DUPLICATE_IN_FILE]);
    await snap(page, 'flow-manifests-result', lang);

    // Sign-out ends the session on the host, not only in the page.
    await page.getByRole('button', { name: text.nav.signOut }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.signIn.heading);
    expect((await page.request.get(`${stack.operatorUrl}/operator/api/v1/me`)).status()).toBe(401);

    // A viewer (role from the provider's claim) sees serials and numbers, never a personal field — on screen or in the export's bytes.
    const viewerContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1024, height: 768 } });
    const viewer = await viewerContext.newPage();
    viewer.on('pageerror', (error) => problems.push(error.message));
    await signIn(viewer, stack, 'viewer', text);
    await expect(viewer.getByRole('navigation', { name: text.nav.label }).getByRole('link')).toHaveText([text.nav.dashboard, text.nav.search]);
    const viewerNav = viewer.getByRole('navigation', { name: text.nav.label });
    await viewerNav.getByRole('link', { name: text.nav.search }).click();
    await search(viewer, b.customer.email ?? '', text);
    await expect(viewer.getByRole('status').filter({ hasText: text.search.none })).toBeVisible();
    await search(viewer, b.device.serial ?? '', text);
    await expect(resultNumbers(viewer)).toHaveText([b.number]);
    await expect(viewer.locator('table.table thead th')).not.toContainText([text.search.customer]);
    await resultNumbers(viewer).first().click();
    await expect(viewer.getByText(text.registration.viewerNote)).toBeVisible();
    await expect(viewer.locator('main')).not.toContainText(b.customer.name);
    await expect(viewer.getByRole('button', { name: new RegExp(text.registration.release.replace('…', '')) })).toHaveCount(0);
    await viewerNav.getByRole('link', { name: text.nav.search }).click();
    const [viewerDownload] = await Promise.all([viewer.waitForEvent('download'), viewer.getByRole('link', { name: text.search.export }).click()]);
    const viewerExport = await csvOf(viewerDownload);
    expect(viewerExport.rows[0]).toEqual(EXPORT_HEADER);
    expect(viewerExport.rows.every((row) => row.length === EXPORT_HEADER.length)).toBe(true);
    expect(viewerExport.bytes).toContain(b.device.serial ?? '');
    for (const person of [a.customer, b.customer, c.customer]) {
      for (const value of [person.name, person.nameKana, person.email, person.phone, person.address]) if (value) expect(viewerExport.bytes).not.toContain(value);
    }
    await viewerContext.close();
    expect(problems).toEqual([]);
  });
});
