import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config';
import { CliError, processIo, type CliIo } from './cli-io';
import { registerManifestCommand } from './manifest-command';
import { registerTokenCommand } from './token-command';

/** The `npm run operator` program; each command group registers itself from its own file. */
export function buildOperatorProgram(io: CliIo = processIo): Command {
  const program = new Command('operator')
    .description('Operator tasks on the registration host store (same DATABASE_URL and DATA_DIR as `npm run host`)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerTokenCommand(program, io);
  registerManifestCommand(program, io);
  return program;
}

/** Runs the program on `args` (without node and script): usage errors exit 2, failures 1 with one line on stderr. */
export async function runOperatorCli(args: string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildOperatorProgram(io).parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof CliError || error instanceof ConfigError ? error.message : `operator: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr(`${message}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runOperatorCli(process.argv.slice(2));
}
