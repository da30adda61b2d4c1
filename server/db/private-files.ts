import fs from 'node:fs';
import path from 'node:path';

/** Creates (or tightens) a folder that holds personal data or keys so only the host's user can enter it. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/**
 * Makes the SQLite file (and the -wal/-shm SQLite will create with the same mode) 0600 before it is
 * opened, and tightens existing ones, whatever the umask: they hold customers' personal data.
 */
export function ensurePrivateSqliteFiles(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(name)) fs.chmodSync(name, 0o600);
  }
}
