import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHost } from '../../server/start-host';
import { PASSWORD, SERIALS, appStack, expect, openWizard, seedCustomer, test } from './support/fixtures';

const HOST_ENV = { LOG_LEVEL: 'warn', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' };

test('consent-update: a changed privacy notice is agreed to before an update is saved, and what was typed is kept', async ({ page, lang, checkpoint }) => {
  const dir = await mkdtemp(join(tmpdir(), 'consent-update-'));
  const store = { host: '127.0.0.1', operatorPort: 0, dataDir: dir, databaseUrl: `sqlite:${join(dir, 'registrations.sqlite')}` };
  // Registered under the January notice; the maker then publishes a new one and restarts the host on the same store and port.
  const before = await startHost({ ...store, port: 0, env: { ...HOST_ENV, PRIVACY_POLICY_VERSION: '2026-01' } });
  const app = await appStack(before.url, lang);
  const form = await app.handlers.getForm(undefined);
  const scan = await app.handlers.scanDevices(undefined);
  const pc = scan.ok ? scan.value.devices.find((d) => d.kind === 'pc') : undefined;
  if (!form.ok || !pc) throw new Error('seed: no form or no PC');
  const created = await app.handlers.register({ deviceId: pc.id, customer: seedCustomer(lang), password: PASSWORD, privacyPolicyVersion: '2026-01' });
  if (!created.ok) throw new Error(`seed: ${created.error.code}`);
  await before.close();
  const after = await startHost({ ...store, port: Number(new URL(before.url).port), env: { ...HOST_ENV, PRIVACY_POLICY_VERSION: '2026-12' } });
  try {
    const wizard = await openWizard(page, lang, app.handlers);
    await wizard.scan();
    await wizard.choose(SERIALS.pc, 'update');
    await wizard.enterPassword(PASSWORD);
    await wizard.at('edit');
    const address = lang === 'ja' ? '大阪府大阪市北区梅田1-1-1' : '1 Market Street, Osaka';
    await page.locator('#customer-address').fill(address);
    await wizard.button(wizard.m.details.save).click();

    await wizard.at('consent-update');
    await expect(page.locator('h1')).toHaveText(wizard.m.consentUpdate.heading);
    await checkpoint('consent');
    // Not agreed: nothing is sent, the box says why.
    await wizard.button(wizard.m.consentUpdate.save).click();
    await expect(page.locator('#consent-update-error')).toHaveText(wizard.m.validation.consent);
    await expect(page.locator('#consent-update')).toHaveAttribute('aria-invalid', 'true');
    // Back keeps what was typed.
    await wizard.button(wizard.m.common.back).click();
    await wizard.at('edit');
    await expect(page.locator('#customer-address')).toHaveValue(address);
    await wizard.button(wizard.m.details.save).click();
    await wizard.at('consent-update');
    await page.locator('#consent-update').check();
    await wizard.button(wizard.m.consentUpdate.save).click();
    await wizard.at('updated');
    await expect(page.getByTestId('changed-fields')).toContainText(wizard.m.details.fields.address);
    await checkpoint('updated');
  } finally {
    await after.close();
    await app.stop();
  }
  // The new consent is stored with its time, after the first one.
  const db = new Database(join(dir, 'registrations.sqlite'), { readonly: true });
  const consents = db.prepare('select privacy_policy_version as version, at from consents where registration_number = ? order by id').all(created.value.registrationNumber) as { version: string; at: unknown }[];
  db.close();
  await rm(dir, { recursive: true, force: true });
  expect(consents.map((c) => c.version)).toEqual(['2026-01', '2026-12']);
  expect(consents[1]?.at).toBeTruthy();
});
