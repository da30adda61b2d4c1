import { resolve } from 'node:path';
import { build } from 'vite';

/** Builds the renderer once: the tests drive the same files the app ships. */
export default async function globalSetup(): Promise<void> {
  await build({ configFile: resolve(import.meta.dirname, '../../../vite.config.ts'), logLevel: 'warn' });
}
