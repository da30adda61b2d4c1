import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** In-repo copies first (tests/fixtures/corpus), then the shared corpus beside the clone. */
const ROOTS = [path.resolve(__dirname, '../fixtures/corpus'), path.resolve(__dirname, '../../../shared/corpus')];

/** Absolute path of a corpus file (e.g. `dmi/glpi-agent/x.txt`), or null when neither copy exists. */
export function corpusFile(relative: string): string | null {
  for (const root of ROOTS) {
    const candidate = path.join(root, relative);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** A temporary replay folder assembled from corpus files; remove it with the returned function. */
export async function replayFolder(files: {
  dmidecode: string;
  lsusb?: string;
  edids?: Record<string, string>;
  lpstat?: string;
  machineId?: string;
}): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fbr-test-replay-'));
  await copyFile(files.dmidecode, path.join(dir, 'dmidecode.txt'));
  if (files.lsusb !== undefined) await copyFile(files.lsusb, path.join(dir, 'lsusb.txt'));
  if (files.lpstat !== undefined) await writeFile(path.join(dir, 'lpstat.txt'), files.lpstat);
  if (files.machineId !== undefined) await writeFile(path.join(dir, 'machine-id'), files.machineId);
  if (files.edids !== undefined) {
    await mkdir(path.join(dir, 'edid'));
    for (const [connector, file] of Object.entries(files.edids)) await copyFile(file, path.join(dir, 'edid', connector));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs async work over items with a fixed number in flight (replays are child processes). */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(runners);
  return results;
}
