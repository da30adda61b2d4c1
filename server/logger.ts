import pino, { type Logger } from 'pino';

/** The host's pino logger; callers pass a stream to capture lines (tests) or get stdout. */
export function createLogger(level: string, stream?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'registration-host' } }, stream ?? process.stdout);
}
