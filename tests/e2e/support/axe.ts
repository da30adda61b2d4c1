import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Every axe violation on the page as it is, one line each (rule: targets). Legacy mode runs
 * axe.run in the page itself instead of opening a blank page per call to merge frame results:
 * the same rules over the same DOM (the wizard and the console have no iframes), at about half
 * the cost; only violations are collected, since only they are asserted.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
