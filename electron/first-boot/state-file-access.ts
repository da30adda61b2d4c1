import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../outbox/atomic-file';

/** How the state file is reached: directly, or through fbr-state-helper where users cannot reach it. */
export interface StateFileAccess {
  /** The file's text, or null when there is none; throws when it cannot be read. */
  read(): Promise<string | null>;
  /** Replaces the file atomically. */
  write(text: string): Promise<void>;
}

/** Plain file access (development, tests, Windows, macOS). */
export function directAccess(file: string): StateFileAccess {
  return {
    read: () =>
      readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
    write: async (text) => {
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, text, 0o644);
    },
  };
}

/** Exit codes of build/installer/linux/state-helper.c. */
const HELPER_MISSING = 3;

function runHelper(helper: string, command: 'read' | 'write', input?: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(helper, [command], { stdio: ['pipe', 'pipe', 'ignore'], env: {} });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    // A helper that exits without reading (refusing, or a read) closes the pipe: the EPIPE that follows
    // is not the outcome (the exit code is), and unheard it would be an uncaught exception in main.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/**
 * Access through the setgid helper the deb installs: the state folder is root:first-boot-registration
 * 2770, so the app (running as the logged-in user) reads and writes it only this way.
 */
export function helperAccess(helper: string): StateFileAccess {
  return {
    read: async () => {
      const { code, stdout } = await runHelper(helper, 'read');
      if (code === HELPER_MISSING) return null;
      if (code !== 0) throw new Error(`fbr-state-helper read exited ${code}`);
      return stdout;
    },
    write: async (text) => {
      const { code } = await runHelper(helper, 'write', text);
      if (code !== 0) throw new Error(`fbr-state-helper write exited ${code}`);
    },
  };
}
