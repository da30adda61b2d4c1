import type { Readable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** Runs one `COPY … TO STDOUT` and gives its bytes as a stream; the connection goes back to the pool when the stream ends or is destroyed. */
export type CopyOut = (statement: string) => Promise<Readable>;

/**
 * PostgreSQL's COPY out of a pooled connection: the server formats every row and the bytes go
 * straight to the socket, so a 10^6-row export never builds a JavaScript object per row (with rows
 * read into JS, the heap grew by 80 MiB of garbage that outlived the page it came from). A stream
 * destroyed before its end (the client hung up) leaves the connection mid-COPY, so that connection
 * is discarded, not reused.
 */
export function pgCopyOut(pool: pg.Pool, onQuery?: (sql: string, parameters: readonly unknown[]) => void): CopyOut {
  return async (statement) => {
    onQuery?.(statement, []);
    const client = await pool.connect();
    let released = false;
    const release = (broken: boolean) => {
      if (released) return;
      released = true;
      client.release(broken ? new Error('COPY out did not finish') : undefined);
    };
    try {
      const stream = client.query(copyTo(statement));
      stream.once('end', () => release(false));
      stream.once('error', () => release(true));
      stream.once('close', () => release(!stream.readableEnded));
      return stream;
    } catch (error) {
      release(true);
      throw error;
    }
  };
}
