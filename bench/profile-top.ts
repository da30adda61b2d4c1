/**
 * `tsx bench/profile-top.ts FILE.cpuprofile [N]`: the host main thread's top self-time costs from a
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

/** Self time per function (ms), busy total (ms) and wall length of the profile (ms). */
export function topSelfTime(profile: CpuProfile): { rows: Array<{ name: string; ms: number }>; busyMs: number; wallMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const name = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + delta);
    busy += delta;
  });
  const rows = [...self.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { rows, busyMs: busy, wallMs: (profile.endTime - profile.startTime) / 1000 };
}

/** Reads a `.cpuprofile` file. */
export async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await fs.promises.readFile(file, 'utf8')) as CpuProfile;
}

async function main(): Promise<void> {
  const [file, count] = process.argv.slice(2);
  if (file === undefined) {
    process.stderr.write('usage: tsx bench/profile-top.ts FILE.cpuprofile [N]\n');
    process.exit(2);
  }
  const { rows, busyMs, wallMs } = topSelfTime(await readProfile(file));
  const n = Number(count ?? 10);
  process.stdout.write(`main thread busy ${Math.round(busyMs)} ms of ${Math.round(wallMs)} ms\n| self ms | % of busy | function |\n|---:|---:|---|\n`);
  for (const row of rows.slice(0, n)) process.stdout.write(`| ${Math.round(row.ms)} | ${((row.ms / busyMs) * 100).toFixed(1)} | ${row.name} |\n`);
}

if (process.argv[1] !== undefined && import.meta.filename === fs.realpathSync(process.argv[1])) void main();
