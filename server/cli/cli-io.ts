/** Where a command writes and which environment it reads; the process's own unless a test runs it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** The real process's streams and environment. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** A failure the CLI reports as one line on stderr and exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
