import { SQLITE_WORKER_GONE } from './sqlite-worker-protocol';

/** Seconds a client is told to wait when the store cannot answer: about how long a failover or restart takes. */
export const STORE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// SQLSTATE: 08 connection exception, 53 insufficient resources, 57P01–57P03 shutdown/not yet accepting, 55000 (at connect) not accepting connections, 3D000 database gone.
const POSTGRES_STATE = /^(08|53|57P0[1-3]|55000$|3D000$)/;
// SQLITE_WORKER_GONE (not SQLite's own): the thread owning the connection ended; the next query starts a new one.
const SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|PROTOCOL)/;
// node-postgres reports a lost or never-made connection with a plain Error and one of these messages.
const POSTGRES_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection timeout)/;

/** True when an error means the store cannot answer now (not that the request was wrong): API.md wants 503 with Retry-After, never 500. */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_STATE.test(code) || SQLITE_CODE.test(code) || code === SQLITE_WORKER_GONE)) return true;
  return typeof message === 'string' && POSTGRES_MESSAGE.test(message);
}
