import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A host started the way `npm run host` starts it (tsx server/main.ts), in a child process. */
export interface HostProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** The operator listener (OPERATOR-API.md). */
  operatorUrl: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Spawns `tsx server/main.ts` with the given environment and waits for the "listening" lines of both listeners. */
export async function spawnHost(env: Record<string, string>): Promise<HostProcess> {
  const { child, stdout, stderr, exited } = spawnMain(env);
  const [url, operatorUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 30 s: ${stderr()}`)), 30_000);
    const check = () => {
      const customer = /registration host listening on (http:\/\/[^\s"]+)/.exec(stdout());
      const operator = /operator listener listening on (http:\/\/[^\s"]+)/.exec(stdout());
      if (customer?.[1] && operator?.[1]) {
        clearTimeout(timer);
        resolve([customer[1], operator[1]]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${stderr()}`));
    });
  });
  return { child, url, operatorUrl, stdout, stderr, exited };
}

/** Runs `tsx server/main.ts` expecting it to fail at start; returns its exit code and output. */
export async function runHostExpectingExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { stdout, stderr, exited } = spawnMain(env);
  const code = await exited;
  return { code, stdout: stdout(), stderr: stderr() };
}

/** One way to start `tsx server/main.ts` with only the given environment, its output collected as it comes. */
function spawnMain(env: Record<string, string>): Omit<HostProcess, 'url' | 'operatorUrl'> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}
