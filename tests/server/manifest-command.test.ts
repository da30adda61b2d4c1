import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerManifestCommand } from '../../server/cli/manifest-command';
import { runOperatorCli } from '../../server/cli/operator-cli';
import { databaseVariants } from '../support/databases';
import { uniqueSerial } from '../support/fixtures';
import { readStore } from '../support/stored-rows';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('manifest-command.test');

/** A stream that keeps what was written, optionally claiming to be a terminal. */
function capture(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return Object.assign(stream, { isTTY, text: () => chunks.join('') });
}

describe.each(variants)('npm run operator -- manifest import on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  const env = () => ({ DATABASE_URL: suite.database.url, DATA_DIR: suite.database.dataDir });
  /** Runs the command module alone, with a terminal (or not) for its progress bar. */
  const run = async (args: string[], tty = false) => {
    let stdout = '';
    const progress = capture(tty);
    const program = new Command().exitOverride();
    registerManifestCommand(program, { stdout: (text) => (stdout += text), stderr: () => undefined, env: env() }, progress);
    await program.parseAsync(['node', 'operator', ...args]);
    return { stdout, stderr: progress.text() };
  };

  it('imports a file into the host store (migrating it), shows progress on a terminal and ends with a summary', async () => {
    const file = path.join(suite.database.dataDir, 'manifest.csv');
    const rows = Array.from({ length: 2500 }, (_, i) => `printer,Canon,PIXUS,${uniqueSerial(`C${i}`)},`);
    await fs.writeFile(file, `kind,vendor,model,serial,hardwareUuid\n${rows.join('\n')}\nprinter,Canon,PIXUS,None,\n`);
    const first = await run(['manifest', 'import', file, '--actor', 'factory'], true);
    expect(first.stdout).toMatch(/: 2501 rows, 2500 added, 0 unchanged, 0 updated, 1 rejected\n {2}line 2502: JUNK_SERIAL /);
    expect(first.stderr).toContain('100%');
    const again = await run(['manifest', 'import', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 2501, added: 0, unchanged: 2500, rejected: 1 });
    expect(again.stderr).toBe('');
    const actors = await readStore(suite.database, (db) => db.selectFrom('manifests').select('actor').orderBy('at').execute());
    expect(actors.map((row) => row.actor)).toEqual(['factory', 'operator-cli']);
  });

  it('says why a file was refused, exits non-zero and imports nothing', async () => {
    const file = path.join(suite.database.dataDir, 'wrong.csv');
    await fs.writeFile(file, 'serial,kind\nX,pc\n');
    const before = await readStore(suite.database, (db) => db.selectFrom('manifests').select('id').execute());
    let stderr = '';
    // Through the operator program, as `npm run operator -- manifest import FILE` runs it.
    const code = await runOperatorCli(['manifest', 'import', file], { stdout: () => undefined, stderr: (text) => (stderr += text), env: env() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^manifest not imported: the header row must be kind,vendor,model,serial,hardwareUuid/);
    expect(await readStore(suite.database, (db) => db.selectFrom('manifests').select('id').execute())).toEqual(before);
  });
});
