import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerManifestCommand } from '../../server/cli/manifest-command';
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
  const run = async (args: string[], tty = false) => {
    const stdout = capture(false);
    const stderr = capture(tty);
    const program = new Command().exitOverride();
    registerManifestCommand(program, { stdout, stderr, env: { DATABASE_URL: suite.database.url, DATA_DIR: suite.database.dataDir } });
    await program.parseAsync(['node', 'operator', ...args]);
    return { stdout: stdout.text(), stderr: stderr.text() };
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
    const result = await run(['manifest', 'import', file]);
    expect(result.stderr).toMatch(/^manifest not imported: the header row must be kind,vendor,model,serial,hardwareUuid/);
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(await readStore(suite.database, (db) => db.selectFrom('manifests').select('id').execute())).toEqual(before);
  });
});
