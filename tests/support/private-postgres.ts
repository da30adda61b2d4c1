import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server programs (package postgresql-15). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of a test's own, so the test may stop and start it without disturbing anyone else's. */
export interface PrivatePostgres {
  /** DATABASE_URL of its `registrations` database (user postgres, trust on loopback). */
  url: string;
  /** Stops the server (fast shutdown: open connections are cut, as in a restart). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes the cluster. */
  dispose(): Promise<void>;
}

/** Runs a server program as the postgres user when the test runs as root (initdb and postgres refuse root). */
async function asPostgres(program: string, args: string[]): Promise<void> {
  const bin = path.join(POSTGRES_BIN, program);
  const root = process.getuid?.() === 0;
  await run(root ? 'runuser' : bin, root ? ['-u', 'postgres', '--', bin, ...args] : args, { timeout: 60_000 });
}

/**
 * initdb + pg_ctl in a temp folder, listening on a free loopback port (its socket in that folder
 * too), with one database created for the host.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'private-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await fs.chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions', '-E', 'UTF8']);
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=60 -c shared_buffers=32MB`;
  const start = () => asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  await start();
  await asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'registrations']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/registrations`,
    start,
    stop,
    async dispose() {
      await stop().catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
