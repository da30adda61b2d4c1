/**
 * `npm run build:linux-dir`: electron-builder `--linux dir` with a stand-in electronDist, the CI
 * check that the packaging config works where Electron's real binaries cannot be downloaded.
 * The stand-in "electron" carries a fuse wire, so the configured fuses are really flipped, and
 * read back from the built binary with @electron/fuses (tests/desktop/packaged-build.test.ts too).
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
// FuseState lives in the package's constants module, which its index does not re-export.
import { FuseState } from '@electron/fuses/dist/constants';
import { build, Platform } from 'electron-builder';
import { parse } from 'yaml';
import { buildStateHelper } from './build-state-helper';
import { signingStatus } from './signing-status';
import { stageApp } from './stage-app';

const ROOT = resolve(import.meta.dirname, '..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Eight V1 fuses, as an unflipped Electron 41 ships them: run-as-node on, cookie encryption off, … */
export const STOCK_WIRE = '10110000';

/** electron-builder's `electronFuses` keys, by their index in the fuse wire. */
const FUSE_KEYS: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The wire ('0'/'1' per fuse) the config's electronFuses should produce from the stock one. */
export function expectedWire(electronFuses: Record<string, boolean>): string {
  const wire = STOCK_WIRE.split('');
  for (const [key, value] of Object.entries(electronFuses)) {
    const index = FUSE_KEYS[key];
    if (index === undefined) throw new Error(`unknown fuse ${key}`);
    wire[index] = value ? '1' : '0';
  }
  return wire.join('');
}

/** The wire of a built binary, read by @electron/fuses ('0'/'1' per fuse; 'r' removed). */
export async function builtWire(binary: string): Promise<string> {
  const fuses = await getCurrentFuseWire(binary);
  return Object.values(FUSE_KEYS)
    .map((index) => {
      const state = fuses[index];
      return state === FuseState.ENABLE ? '1' : state === FuseState.DISABLE ? '0' : state === FuseState.REMOVED ? 'r' : '?';
    })
    .join('');
}

/** A placeholder Electron: a script that says what it is, plus a fuse wire for electron-builder to flip. */
async function makeStandIn(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(resolve(dir, 'resources'), { recursive: true });
  const script = `#!/bin/sh\necho "stand-in Electron from build:linux-dir; install the real one to run the app" >&2\nexit 1\n# `;
  const wire = Buffer.concat([Buffer.from(script), Buffer.from(FUSE_SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE), Buffer.from('\n')]);
  await writeFile(resolve(dir, 'electron'), wire);
  await chmod(resolve(dir, 'electron'), 0o755);
  await writeFile(resolve(dir, 'LICENSE'), 'stand-in\n');
  await writeFile(resolve(dir, 'version'), '41.7.1');
}

/** The repository's electron-builder config, as electron-builder reads it. */
export async function builderConfig(): Promise<Record<string, unknown> & { executableName: string; electronFuses: Record<string, boolean> }> {
  return parse(await readFile(resolve(ROOT, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown> & { executableName: string; electronFuses: Record<string, boolean> };
}

/** Builds linux-unpacked from `appDir` into `outputDir` with the stand-in Electron; returns the unpacked folder. */
export async function buildLinuxDir(options: { appDir: string; outputDir: string; standInDir: string }): Promise<string> {
  await buildStateHelper();
  await makeStandIn(options.standInDir);
  const config = await builderConfig();
  const directories = { ...(config.directories as Record<string, string>), app: options.appDir, output: options.outputDir };
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: { ...config, directories, electronDist: options.standInDir, electronVersion: '41.7.1' },
  });
  return resolve(options.outputDir, 'linux-unpacked');
}

if (process.argv[1] === import.meta.filename) {
  for (const line of signingStatus(process.env)) console.log(line);
  const config = await builderConfig();
  const unpacked = await buildLinuxDir({ appDir: await stageApp(), outputDir: resolve(ROOT, 'dist/installers'), standInDir: resolve(ROOT, 'dist/stand-in-electron') });
  const wire = await builtWire(resolve(unpacked, config.executableName));
  const expected = expectedWire(config.electronFuses);
  if (wire !== expected) throw new Error(`fuses not flipped as configured: ${wire}, expected ${expected}`);
  const asar = await readFile(resolve(unpacked, 'resources/app.asar'));
  const header = asar.subarray(0, 64 * 1024).toString('utf8');
  if (header.includes('"node_modules"') || /\.node"/.test(header)) throw new Error('app.asar contains node_modules or a native module');
  const helper = await readFile(resolve(unpacked, 'resources/fbr-state-helper')).catch(() => null);
  if (helper === null || helper.subarray(1, 4).toString('latin1') !== 'ELF') throw new Error('resources/fbr-state-helper (the state helper) is missing from the Linux build');
  console.log(`build:linux-dir: ${unpacked} (app.asar ${asar.length} bytes, fuses ${wire})`);
}
