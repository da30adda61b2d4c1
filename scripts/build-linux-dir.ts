/**
 * `npm run build:linux-dir`: electron-builder `--linux dir` with a stand-in electronDist, the CI
 * check that the packaging config works where Electron's real binaries cannot be downloaded.
 * The stand-in "electron" carries a fuse wire, so the configured fuses are really flipped and checked.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, Platform } from 'electron-builder';
import { parse } from 'yaml';
import { buildStateHelper } from './build-state-helper';
import { stageApp } from './stage-app';

const ROOT = resolve(import.meta.dirname, '..');
const STAND_IN = resolve(ROOT, 'dist/stand-in-electron');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Eight V1 fuses, as an unflipped Electron 41 ships them: run-as-node on, cookie encryption off, … */
const STOCK_WIRE = '10110000';
/** What the config's electronFuses must turn them into (same order as @electron/fuses' FuseV1Options). */
const EXPECTED_WIRE = '01001100';

/** A placeholder Electron: a script that says what it is, plus a fuse wire for electron-builder to flip. */
async function makeStandIn(): Promise<void> {
  await rm(STAND_IN, { recursive: true, force: true });
  await mkdir(resolve(STAND_IN, 'resources'), { recursive: true });
  const script = `#!/bin/sh\necho "stand-in Electron from build:linux-dir; install the real one to run the app" >&2\nexit 1\n# `;
  const wire = Buffer.concat([Buffer.from(script), Buffer.from(FUSE_SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE), Buffer.from('\n')]);
  await writeFile(resolve(STAND_IN, 'electron'), wire);
  await chmod(resolve(STAND_IN, 'electron'), 0o755);
  await writeFile(resolve(STAND_IN, 'LICENSE'), 'stand-in\n');
  await writeFile(resolve(STAND_IN, 'version'), '41.7.1');
}

function fuseWireOf(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  const length = binary[at + 1] ?? 0;
  return binary.subarray(at + 2, at + 2 + length).toString('latin1');
}

await stageApp();
await buildStateHelper();
await makeStandIn();
const config = parse(await readFile(resolve(ROOT, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const outputs = await build({
  projectDir: ROOT,
  targets: Platform.LINUX.createTarget('dir'),
  publish: 'never',
  config: { ...config, electronDist: STAND_IN, electronVersion: '41.7.1' },
});
const unpacked = resolve(ROOT, 'dist/installers/linux-unpacked');
const wire = fuseWireOf(await readFile(resolve(unpacked, String(config.executableName))));
if (wire !== EXPECTED_WIRE) throw new Error(`fuses not flipped as configured: ${wire}, expected ${EXPECTED_WIRE}`);
const asar = await readFile(resolve(unpacked, 'resources/app.asar'));
const header = asar.subarray(0, 64 * 1024).toString('utf8');
if (header.includes('"node_modules"') || /\.node"/.test(header)) throw new Error('app.asar contains node_modules or a native module');
const helper = await readFile(resolve(unpacked, 'resources/fbr-state-helper')).catch(() => null);
if (helper === null || helper.subarray(1, 4).toString('latin1') !== 'ELF') throw new Error('resources/fbr-state-helper (the state helper) is missing from the Linux build');
console.log(`build:linux-dir: ${unpacked} (app.asar ${asar.length} bytes, fuses ${wire}) ${outputs.length ? outputs.join(', ') : ''}`);
