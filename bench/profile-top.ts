/**
 * `tsx bench/profile-top.ts FILE.cpuprofile [N] [SKIP_MS]`: the host main thread's top self-time costs from a
 * `node --cpu-prof` profile (as `npm run bench:host -- --cpu-prof DIR` writes them), grouped by
 * function and file, idle time left out. Argon2 hashes run on libuv's threadpool, so nothing here is
 * the hash itself: every line is overhead around it (or the event loop waiting for it).
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Short, readable location of a frame: the package or the repository file. */
function where(url: string): string {
  if (url === '') return '';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  if (file.startsWith('node:')) return file;
  return path.relative(process.cwd(), file);
}

/** Where a frame's code lives, coarsely: the npm package, node's own module, or the repository file. */
function packageOf(url: string, functionName: string): string {
  const modules = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  if (url === '') return functionName;
  return where(url);
}

/**
 * Self time per function (ms) and per package, busy total (ms) and wall length of the profile (ms).
 * Samples in the first `skipMs` (start-up and warm-up: module loading, JIT) are left out.
 */
export function topSelfTime(profile: CpuProfile, skipMs = 0): { rows: Array<{ name: string; ms: number }>; packages: Array<{ name: string; ms: number }>; busyMs: number; wallMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  let busy = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    elapsed += delta;
    if (elapsed < skipMs || !node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${where(url)}${url ? `:${lineNumber + 1}` : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + delta);
    const owner = packageOf(url, functionName);
    packages.set(owner, (packages.get(owner) ?? 0) + delta);
    busy += delta;
  });
  const sorted = (map: Map<string, number>) => [...map.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { rows: sorted(self), packages: sorted(packages), busyMs: busy, wallMs: Math.max(0, (profile.endTime - profile.startTime) / 1000 - skipMs) };
}

/** Reads a `.cpuprofile` file. */
export async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await fs.promises.readFile(file, 'utf8')) as CpuProfile;
}

async function main(): Promise<void> {
  const [file, count, skip] = process.argv.slice(2);
  if (file === undefined) {
    process.stderr.write('usage: tsx bench/profile-top.ts FILE.cpuprofile [N] [SKIP_MS]\n');
    process.exit(2);
  }
  const { rows, packages, busyMs, wallMs } = topSelfTime(await readProfile(file), Number(skip ?? 0));
  const n = Number(count ?? 10);
  const table = (title: string, list: Array<{ name: string; ms: number }>) => {
    process.stdout.write(`| self ms | % of busy | ${title} |\n|---:|---:|---|\n`);
    for (const row of list.slice(0, n)) process.stdout.write(`| ${Math.round(row.ms)} | ${((row.ms / busyMs) * 100).toFixed(1)} | ${row.name} |\n`);
  };
  process.stdout.write(`event loop busy ${Math.round(busyMs)} ms of ${Math.round(wallMs)} ms\n`);
  table('function', rows);
  process.stdout.write('\n');
  table('package', packages);
}

if (process.argv[1] !== undefined && import.meta.filename === fs.realpathSync(process.argv[1])) void main();
