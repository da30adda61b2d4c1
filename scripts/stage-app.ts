/**
 * Stages dist/app for electron-builder: a package.json without dependencies, the bundled
 * main/preload and the built renderer. Nothing from node_modules goes into the package.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const APP = resolve(ROOT, 'dist/app');

/** Copies the built files into dist/app; fails when `npm run build` has not run. */
export async function stageApp(): Promise<string> {
  for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(resolve(ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  const pkg = JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; description?: string };
  await rm(APP, { recursive: true, force: true });
  await mkdir(APP, { recursive: true });
  await cp(resolve(ROOT, 'dist/electron'), resolve(APP, 'electron'), { recursive: true });
  await cp(resolve(ROOT, 'dist/renderer'), resolve(APP, 'renderer'), { recursive: true });
  const appPackage = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description ?? 'Device registration',
    author: { name: 'Example PC Co., Ltd.', email: 'support@example.com' },
    license: 'UNLICENSED',
    main: 'electron/main.cjs',
  };
  await writeFile(resolve(APP, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
  return APP;
}

if (process.argv[1] === import.meta.filename) {
  console.log(`staged ${await stageApp()}`);
}
