import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './outbox-fixtures';

export const run = promisify(execFile);
export const INSTALLER = join(import.meta.dirname, '../../../build/installer');
export const MACROS = { sanitizedProductName: 'First Boot Registration', executable: 'first-boot-registration' };
export const EXE = '/opt/First Boot Registration/first-boot-registration';

/** Expands the script as electron-builder's FpmTarget does (`${name}` macros, unknown names are an error). */
export async function renderScript(name: string, into: string, macros: Record<string, string> = MACROS): Promise<string> {
  const text = (await readFile(join(INSTALLER, 'linux', name), 'utf8')).replace(/\${([a-zA-Z]+)}/g, (_m, key: string) => {
    const value = macros[key];
    if (value === undefined) throw new Error(`Macro ${key} is not defined`);
    return value;
  });
  const path = join(into, name);
  await writeFile(path, text, { mode: 0o755 });
  return path;
}

/** A temp root with the DMI files of a real PC, and a folder for the rendered scripts. */
export async function fakeMachine() {
  const root = await tempDir('deb-root');
  const dmi = join(root, 'sys/class/dmi/id');
  await mkdir(dmi, { recursive: true });
  await writeFile(join(dmi, 'product_serial'), 'JR1SJQ1\n');
  await writeFile(join(dmi, 'product_uuid'), '4c4c4544-0052-3110-8053-cac04f4a5131\n');
  await writeFile(join(dmi, 'board_serial'), '..CN"13\\74.\n');
  const scripts = await tempDir('deb-scripts');
  return { root, scripts };
}

/** Runs a rendered hook against a temp root, as the test suite (not dpkg) does. */
export const runScript = (script: string, root: string, ...args: string[]) => run('bash', [script, ...args], { env: { PATH: process.env.PATH, FBR_ROOT: root } });

/** Compiles build/installer/linux/state-helper.c (STATE_DIR given for a temp root, else the production one). */
export async function compileStateHelper(output: string, stateDir?: string): Promise<string> {
  const define = stateDir === undefined ? [] : [`-DSTATE_DIR="${stateDir}"`];
  await run('cc', ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', ...define, '-o', output, join(INSTALLER, 'linux/state-helper.c')]);
  return output;
}
