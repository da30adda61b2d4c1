import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { migrateToLatest, openDatabase } from '../db/open-database';
import { ApiError } from '../http/api-error';
import { importManifest, type ManifestImportResult } from '../manifest/import-manifest';
import { CliError, processIo, type CliIo } from './cli-io';

/** Where the progress bar goes: the terminal the command runs on, if any (tests pass their own). */
export type ProgressStream = (NodeJS.WritableStream & { isTTY?: boolean }) | null;

/** The summary printed at the end: counts, then the first errors (the full list is in the JSON with --json). */
function summary(result: ManifestImportResult): string {
  const lines = [
    `manifest ${result.id}: ${result.rows} rows, ${result.added} added, ${result.unchanged} unchanged, ${result.updated} updated, ${result.rejected} rejected`,
    ...result.errors.slice(0, 20).map((error) => `  line ${error.line}: ${error.code} ${error.message}`),
  ];
  if (result.rejected > 20) lines.push(`  … ${result.rejected - 20} more rejected rows${result.errors.length < result.rejected ? ` (the first ${result.errors.length} are listed with --json)` : ' (listed with --json)'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `operator manifest import FILE`: imports a maker's manifest into the store the host uses
 * (DATABASE_URL / DATA_DIR), with a progress bar on a terminal and a summary at the end.
 * Registered by the operator CLI (server/cli/operator-cli.ts) like every command module.
 */
export function registerManifestCommand(program: Command, io: CliIo = processIo, progress: ProgressStream = io === processIo ? process.stderr : null): void {
  const manifest = program.command('manifest').description("the maker's manifest of shipped devices");
  manifest
    .command('import')
    .description('import a manifest CSV (kind,vendor,model,serial,hardwareUuid[,shippedAt][,ekPublicSha256])')
    .argument('<file>', 'CSV file, UTF-8')
    .option('--actor <name>', 'name recorded in the audit as the importer', 'operator-cli')
    .option('--json', 'print the whole result as JSON instead of the summary')
    .action(async (file: string, options: { actor: string; json?: boolean }) => {
      const size = fs.statSync(file).size;
      const config = loadConfig(io.env);
      const open = openDatabase(config.database, { pgPoolSize: 2 });
      const bar = progress?.isTTY === true ? new SingleBar({ format: 'importing [{bar}] {percentage}% | {rows} rows', stream: progress }, Presets.shades_classic) : null;
      bar?.start(size, 0, { rows: 0 });
      try {
        await migrateToLatest(open);
        const result = await importManifest(open, fs.createReadStream(file), { actor: options.actor, now: () => Date.now(), onProgress: (bytes, rows) => bar?.update(bytes, { rows }) });
        bar?.update(size);
        bar?.stop();
        io.stdout(options.json === true ? `${JSON.stringify(result)}\n` : summary(result));
      } catch (error) {
        bar?.stop();
        if (error instanceof ApiError) throw new CliError(`manifest not imported: ${error.extra.fields?.map((field) => field.message).join('; ') ?? error.message}`);
        throw error;
      } finally {
        await open.db.destroy();
      }
    });
}
