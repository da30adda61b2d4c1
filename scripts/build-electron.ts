/**
 * Bundles the main process and the preload into single CommonJS files in dist/electron, so the
 * packaged app ships no node_modules (and so no native modules) at all.
 */
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'dist/electron');
const external = ['electron', /^node:/, ...builtinModules];

async function bundle(entry: string, fileName: string, emptyOutDir: boolean): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: resolve(ROOT, entry),
      outDir: OUT,
      emptyOutDir,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external,
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
  });
}

await bundle('electron/main/main.ts', 'main.cjs', true);
await bundle('electron/preload/preload.ts', 'preload.cjs', false);
console.log(`bundled main and preload into ${OUT}`);
