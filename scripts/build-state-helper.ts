/**
 * Compiles build/installer/linux/state-helper.c into dist/state-helper/fbr-state-helper, which the
 * Linux packages carry in resources/ (electron-builder `linux.extraResources`) and after-install.sh
 * makes setgid to the state's group. Needs a C compiler (`cc`) on the Linux build machine.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');

/** Builds the hardened helper and returns its path. */
export async function buildStateHelper(): Promise<string> {
  const output = resolve(ROOT, 'dist/state-helper/fbr-state-helper');
  await mkdir(resolve(output, '..'), { recursive: true });
  const flags = ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-D_FORTIFY_SOURCE=2', '-fstack-protector-strong', '-fPIE', '-pie', '-Wl,-z,relro,-z,now', '-s'];
  await promisify(execFile)('cc', [...flags, '-o', output, resolve(ROOT, 'build/installer/linux/state-helper.c')]);
  return output;
}

if (process.argv[1] === import.meta.filename) {
  console.log(`built ${await buildStateHelper()}`);
}
