import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../outbox/atomic-file';

/** One thing an autostart implementation does, listed before it is done so tests can assert it exactly. */
export type AutostartChange =
  | { kind: 'write-file'; path: string; content: string }
  | { kind: 'remove-file'; path: string }
  | { kind: 'command'; command: string; args: string[] };

/** What `apply` came to; a refusal (not root, not admin) is reported, never thrown. */
export interface AutostartResult {
  enabled: boolean;
  applied: boolean;
  changes: AutostartChange[];
  error?: string;
}

/** Runs a command; resolves with its exit code (the Windows implementation uses reg.exe by full path). */
export type CommandRunner = (command: string, args: string[]) => Promise<{ code: number; stderr: string }>;

/** The one platform interface: Linux, Windows and macOS each say what they would write and then write it. */
export interface AutostartPlatform {
  readonly platform: 'linux' | 'windows' | 'macos';
  /** Exactly the entries/commands that make the wizard open (or no longer open) at logon. */
  plan(enabled: boolean): AutostartChange[];
  /** Carries out the plan. */
  apply(enabled: boolean): Promise<AutostartResult>;
}

/** Runs commands with execFile (no shell, so no quoting surprises). */
export const execFileRunner: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { windowsHide: true }, (error, _stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });

/** Carries out a list of changes in order; stops at the first failure and says which. */
export async function applyChanges(enabled: boolean, changes: AutostartChange[], run: CommandRunner): Promise<AutostartResult> {
  try {
    for (const change of changes) {
      if (change.kind === 'write-file') {
        // Already as wanted (e.g. written by the installer as root): nothing to do, nothing to refuse.
        if ((await readFile(change.path, 'utf8').catch(() => null)) === change.content) continue;
        await mkdir(dirname(change.path), { recursive: true });
        await writeFileAtomic(change.path, change.content, 0o644);
      } else if (change.kind === 'remove-file') {
        await rm(change.path, { force: true });
      } else {
        const { code, stderr } = await run(change.command, change.args);
        if (code !== 0) return { enabled, applied: false, changes, error: `${change.command} exited ${code}: ${stderr.trim()}` };
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { enabled, applied: false, changes, error: code ?? (error instanceof Error ? error.message : String(error)) };
  }
  return { enabled, applied: true, changes };
}
