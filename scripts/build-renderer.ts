import { resolve } from 'node:path';
import { build } from 'vite';

/** Builds the wizard into dist/renderer and the operator console into dist/console from the current sources, so nothing runs a stale build. */
export async function buildRenderer(): Promise<void> {
  await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
  await build({ configFile: resolve(import.meta.dirname, '../vite.console.config.ts'), logLevel: 'warn' });
}
