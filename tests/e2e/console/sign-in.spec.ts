import { expect, test } from './support/console-fixtures';

test('sign-in: without an OpenID provider the console says sign-in is not configured', async ({ page, openConsole, checkpoint, text }) => {
  await openConsole();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.signIn.heading);
  await expect(page.getByRole('status').or(page.locator('.alert'))).toContainText(text.signIn.notConfigured);
  await expect(page.getByRole('link', { name: text.signIn.button })).toHaveCount(0);
  await checkpoint('sign-in-not-configured');
});

test('roles: each role is offered only the pages it may open, and the language switches on any page', async ({ page, openConsole, checkpoint, text, lang }) => {
  await openConsole('viewer');
  const nav = page.getByRole('navigation', { name: text.nav.label });
  await expect(nav.getByRole('link')).toHaveText([text.nav.dashboard, text.nav.search]);
  await expect(page.getByText(new RegExp(`test-viewer-\\w+.*${text.roles.viewer}`))).toBeVisible();
  await expect(page.getByRole('button', { name: text.nav.signOut })).toHaveCount(0);
  await checkpoint('dashboard-viewer');

  // Keyboard only: the nav's second link opens the search page, whose heading takes focus.
  await nav.getByRole('link', { name: text.nav.search }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.search.heading);
  await expect(page.locator('h1')).toBeFocused();

  const other = lang === 'ja' ? 'en' : 'ja';
  await page.getByRole('button', { name: other === 'ja' ? '日本語' : 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', other);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(text.search.heading);
});

test('roles: an admin is offered every page, support all but manifests', async ({ page, openConsole, text }) => {
  await openConsole('admin');
  const nav = page.getByRole('navigation', { name: text.nav.label });
  await expect(nav.getByRole('link')).toHaveText([text.nav.dashboard, text.nav.search, text.nav.refusals, text.nav.transfers, text.nav.audit, text.nav.manifests]);
  await openConsole('support', '#/manifests');
  await expect(nav.getByRole('link')).toHaveText([text.nav.dashboard, text.nav.search, text.nav.refusals, text.nav.transfers, text.nav.audit]);
  // A support agent who follows a link to the manifests page gets the dashboard instead.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.dashboard.heading);
});

test('session: when the host stops accepting the credentials, the console offers sign-in again and says why', async ({ page, openConsole, checkpoint, text }) => {
  await openConsole('support');
  await expect(page.getByRole('navigation', { name: text.nav.label })).toBeVisible();
  // What an ended session or a revoked token looks like to the browser: the host answers 401.
  await page.context().setExtraHTTPHeaders({ Authorization: 'Bearer not-a-token-any-more' });
  await page.getByRole('link', { name: text.nav.search }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.signIn.heading);
  await expect(page.getByText(text.signIn.expired)).toBeVisible();
  await checkpoint('sign-in-expired');
});
