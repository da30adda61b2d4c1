import type { ProductHost } from './product-host';

/** Why the wizard could not open in a window here, in the customer-facing words of the block. */
export type WizardAbsence = 'no-electron-no-display' | 'no-electron-no-chromium';

/** The few lines `npm start` prints: where each part runs, and how to see the wizard when no window can open. */
export function whereBlock(product: ProductHost, wizard: 'electron' | 'chromium' | WizardAbsence): string {
  const lines = ['', 'First-boot registration is running:'];
  lines.push(`  customer API      ${product.host.url}   (health: ${product.host.url}/healthz)`);
  lines.push(`  operator console  ${product.host.operatorUrl}/`);
  if (product.sampleSignIn) lines.push(`                    sign in at the sample provider as viewer, support or admin (any password): ${product.sampleSignIn.issuer}`);
  lines.push(`  data              ${product.dataDir}`);
  lines.push(product.mailDir ? `  mail              written as .eml files to ${product.mailDir}` : '  mail              sent through SMTP_URL');
  if (wizard === 'electron') lines.push('  wizard            in Electron');
  else if (wizard === 'chromium') lines.push('  wizard            in a Chromium window (no Electron binary here), with the real handlers');
  else {
    const why = wizard === 'no-electron-no-display' ? 'there is no Electron binary and no display' : 'there is no Electron binary and no Chromium';
    lines.push(`  wizard            not shown: ${why}.`);
    lines.push('                    See it with: npm run preview -- --screenshots DIR   (one PNG per page)');
  }
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
