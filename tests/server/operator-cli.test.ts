import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperatorCli } from '../../server/cli/operator-cli';
import { openDatabase } from '../../server/db/open-database';
import { databaseVariants, type TestDatabase } from '../support/databases';
import { request } from '../support/http';
import { startTestHost, type TestHost } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';

const ROOT = path.resolve(import.meta.dirname, '../..');
const variants = await databaseVariants('operator-cli.test');

/** Runs the CLI in this process (fast), with the suite's store as its environment. */
async function runCli(database: TestDatabase, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runOperatorCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { DATABASE_URL: database.url, DATA_DIR: database.dataDir } });
  return { code, stdout, stderr };
}

/** Runs `npm run operator -- …` the way the script does (tsx server/cli/operator-cli.ts), in a child process. */
function spawnCli(database: TestDatabase, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'server/cli/operator-cli.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: database.url, DATA_DIR: database.dataDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe.each(variants)('npm run operator -- token on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost(suite.database, { OPERATOR_PORT: '0' });
  });
  afterAll(async () => {
    await host.close();
  });

  it('creates a token printed once as the last line, which the running host accepts, storing only a keyed hash', async () => {
    const created = await (variant.kind === 'sqlite' ? spawnCli : runCli)(suite.database, ['token', 'create', '--name', 'crm', '--role', 'support', '--expires-days', '30']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    const token = lines.at(-1) ?? '';
    expect(token).toMatch(/^op_[A-Za-z0-9_-]{43}$/);
    expect(lines.slice(0, -1).join('\n')).not.toContain(token);
    const me = await request<{ name: string; role: string; via: string }>(host.operatorUrl, 'GET', '/operator/api/v1/me', { token });
    expect(me.body).toEqual({ name: 'crm', role: 'support', via: 'token' });

    const target = variant.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: suite.database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: suite.database.url };
    const { db } = openDatabase(target, { pgPoolSize: 1 });
    try {
      const rows = await db.selectFrom('operator_tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.token_hash).not.toContain(token.slice(3));
      expect(JSON.stringify(rows)).not.toContain(token.slice(3));
      const audit = await db.selectFrom('audit_events').select(['action', 'actor_type']).where('action', '=', 'token_created').execute();
      expect(audit).toEqual([{ action: 'token_created', actor_type: 'system' }]);
    } finally {
      await db.destroy();
    }

    const listed = await runCli(suite.database, ['token', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^crm\tsupport\t/m);
    expect(listed.stdout).not.toContain(token);

    const again = await runCli(suite.database, ['token', 'create', '--name', 'crm', '--role', 'viewer']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual(['a token named "crm" already exists (revoke it first)']);

    const revoked = await runCli(suite.database, ['token', 'revoke', '--name', 'crm']);
    expect(revoked.code).toBe(0);
    expect((await request(host.operatorUrl, 'GET', '/operator/api/v1/me', { token })).status).toBe(401);
    const revokedAgain = await runCli(suite.database, ['token', 'revoke', '--name', 'crm']);
    expect(revokedAgain.code).toBe(1);
    expect(revokedAgain.stderr.trim()).toBe('no active token named "crm"');
  });

  it('explains usage with --help and refuses bad arguments with exit code 2', async () => {
    const help = await runCli(suite.database, ['token', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--role <role>');
    expect(help.stdout).toContain('--expires-days <days>');
    const badRole = await runCli(suite.database, ['token', 'create', '--name', 'x', '--role', 'root']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('one of viewer, support, admin');
    const missing = await runCli(suite.database, ['token', 'create', '--role', 'viewer']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--name <name>' not specified");
  });
});
