import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistrationNumber } from '../../protocol';
import { migrateToLatest, openDatabase } from '../../server/db/open-database';
import type { HostDatabase } from '../../server/db/schema';
import { openSqliteConnection } from '../../server/db/sqlite-connection';
import { withStatementCache } from '../../server/db/statement-cache';
import { appendAuditEvent } from '../../server/repositories/audit-repository';
import { insertRegistrationIfNumberFree } from '../../server/repositories/registrations-repository';

// Interleaved rounds so a burst of other work on the machine lands on both dialects alike.
const ROUNDS = 9;
const REGISTRATIONS_PER_ROUND = 100;
const CLIENTS = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One registration's writes as the service does them: one transaction, several statements, one COMMIT (fsync under synchronous = FULL). */
async function register(db: Kysely<HostDatabase>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = Date.now();
    const registrationNumber = makeRegistrationNumber(crypto.randomBytes(11));
    const free = await insertRegistrationIfNumberFree(trx, {
      registration_number: registrationNumber,
      name: 'Test Customer',
      name_kana: null,
      email: `${crypto.randomUUID()}@example.test`,
      phone: null,
      postal_code: null,
      address: 'Somewhere 1',
      country: 'JP',
      password_hash: 'not-a-real-hash',
      privacy_policy_version: '1',
      created_at: now,
      updated_at: now,
      erased_at: null,
    });
    expect(free).toBe(true);
    await appendAuditEvent(trx, { at: now, actor: { type: 'customer' }, action: 'registered', registrationNumber });
  });
}

/** The event loop's delay (p99, ms) while CLIENTS concurrent clients commit `count` registrations, each after a turn of the loop as separate requests would. */
async function lagWhileRegistering(db: Kysely<HostDatabase>, count: number): Promise<{ p99: number; max: number; perSecond: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let left = count;
  const started = performance.now();
  histogram.enable();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (left > 0) {
        left -= 1;
        await nextTurn();
        await register(db);
      }
    }),
  );
  histogram.disable();
  const seconds = (performance.now() - started) / 1000;
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, perSecond: count / seconds };
}

describe('SQLite commits and the event loop', () => {
  let dir = '';
  let inThread: Kysely<HostDatabase>;
  let inWorker: Kysely<HostDatabase>;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sqlite-event-loop-'));
    // The previous dialect, for comparison: better-sqlite3 on the host's own thread, same pragmas and statement cache.
    inThread = new Kysely<HostDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(openSqliteConnection(path.join(dir, 'in-thread.sqlite'), 'full')) }) });
    inWorker = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'in-worker.sqlite'), synchronous: 'full' }).db;
    await migrateToLatest({ db: inThread, dialect: 'sqlite' });
    await migrateToLatest({ db: inWorker, dialect: 'sqlite' });
  });

  afterAll(async () => {
    await inThread.destroy();
    await inWorker.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps the event loop free while registrations commit: its p99 delay is a fraction of the in-thread driver\'s', async () => {
    // Warm-up: statements prepared, the worker's code loaded, the files grown.
    await lagWhileRegistering(inThread, 10);
    await lagWhileRegistering(inWorker, 10);
    const before: Array<{ p99: number; max: number; perSecond: number }> = [];
    const after: Array<{ p99: number; max: number; perSecond: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) {
        before.push(await lagWhileRegistering(inThread, REGISTRATIONS_PER_ROUND));
        after.push(await lagWhileRegistering(inWorker, REGISTRATIONS_PER_ROUND));
      } else {
        after.push(await lagWhileRegistering(inWorker, REGISTRATIONS_PER_ROUND));
        before.push(await lagWhileRegistering(inThread, REGISTRATIONS_PER_ROUND));
      }
    }
    const figure = (rounds: typeof before) =>
      `p99 ${median(rounds.map((r) => r.p99)).toFixed(2)} ms, max ${median(rounds.map((r) => r.max)).toFixed(2)} ms, ${median(rounds.map((r) => r.perSecond)).toFixed(0)} registrations/s`;
    // Each round pair ran back to back under the same conditions: the median of their ratios.
    const ratio = median(before.map((r, i) => r.p99 / (after[i]?.p99 ?? Number.NaN)));
    const idle = monitorEventLoopDelay({ resolution: 1 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 200));
    idle.disable();
    console.info(`[sqlite-event-loop] in-thread: ${figure(before)}; worker: ${figure(after)}; p99 ratio ${ratio.toFixed(2)}; idle loop p99 ${(idle.percentile(99) / 1e6).toFixed(2)} ms`);
    const stored = await inWorker.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(stored.n).toBe(10 + ROUNDS * REGISTRATIONS_PER_ROUND);
    // Measured 1.8-8.9 on a shared 2-core machine (the in-thread p99 grows with the disk's fsync time, the worker's does not).
    expect(ratio).toBeGreaterThan(1.5);
  });
});
