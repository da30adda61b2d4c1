import { resolve } from 'node:path';
import { build } from 'vite';

/** Builds the wizard into dist/renderer from the current sources (about a second), so nothing runs a stale build. */
export async function buildRenderer(): Promise<void> {
  await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
}
