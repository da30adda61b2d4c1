/** One line per event, never personal information: ids, statuses and error codes only. */
export type OutboxLog = (line: string) => void;

/** Default sink: stderr, so a packaged app's log file captures it. */
export const consoleOutboxLog: OutboxLog = (line) => {
  console.warn(`[outbox] ${line}`);
};

/** Error text safe for a log line: the code/message of a file-system error, never file contents. */
export function describeError(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
