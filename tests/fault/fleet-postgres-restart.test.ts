import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { newRegistration } from '../support/fixtures';
import { spawnHost, type HostProcess } from '../support/host-process';
import { startNginx } from '../support/nginx';
import { startPrivatePostgres } from '../support/private-postgres';
import { haveTools } from '../support/system-tools';
import { TEST_HOST_ENV } from '../support/test-host';

const tools = haveTools('nginx', 'postgresServer');
if (!tools) it.skip('needs nginx and the PostgreSQL 15 server programs (skipped: see the notes above)', () => undefined);

const key = () => crypto.randomBytes(32).toString('base64');
const readyz = (host: HostProcess) =>
  fetch(`${host.url}/readyz`, { signal: AbortSignal.timeout(3000) }).then(
    (response) => response.status,
    () => 0,
  );

/** Polls until every host's /readyz answers `status`; returns how long that took, or throws after `timeoutMs`. */
async function untilEveryHost(hosts: HostProcess[], status: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const statuses = await Promise.all(hosts.map(readyz));
    if (statuses.every((answer) => answer === status)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`not every host's /readyz answered ${status} within ${timeoutMs} ms`);
}

describe.skipIf(!tools)('three hosts behind nginx on a private PostgreSQL, restarted under load', () => {
  it('hosts report not-ready while it is down and recover by themselves; no acknowledged registration lost, each requestId once, replays same number, no 5xx but 503', async () => {
    const database = await startPrivatePostgres();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-pg-restart-'));
    // Keys in the environment, so the three hosts can start at once (migrations take Kysely's lock).
    const env = { ...TEST_HOST_ENV, DATABASE_URL: database.url, DATA_DIR: dataDir, TRUST_PROXY: '1', PG_POOL_SIZE: '4', TOKEN_SIGNING_KEY: key(), REQUEST_HASH_KEY: key(), OUTBOX_SECRET_KEY: key() };
    const hosts: HostProcess[] = [];
    const bodies = new Map<string, ReturnType<typeof newRegistration>>();
    const numbersById = new Map<string, Set<string>>();
    const badStatuses: number[] = [];
    const phase = { down: false, recovered: false, acknowledgedAfterRecovery: 0, unavailableWhileDown: 0 };
    let running = true;
    try {
      hosts.push(...(await Promise.all([0, 1, 2].map(() => spawnHost({ ...env, PORT: '0' })))));
      const nginx = await startNginx(hosts.map((host) => Number(new URL(host.url).port)));
      try {
        const client = async () => {
          while (running) {
            const body = newRegistration();
            bodies.set(body.requestId, body);
            numbersById.set(body.requestId, new Set());
            while (true) {
              const response = await fetch(`${nginx.url}/api/v1/registrations`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body),
                signal: AbortSignal.timeout(15_000),
              }).catch(() => null);
              if (response?.status === 201) {
                numbersById.get(body.requestId)?.add(((await response.json()) as { registrationNumber: string }).registrationNumber);
                if (phase.recovered) phase.acknowledgedAfterRecovery += 1;
                break;
              }
              if (response !== null && response.status >= 500 && response.status !== 503) badStatuses.push(response.status);
              if (response !== null && response.status !== 503 && response.status < 500) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
              if (response?.status === 503 && phase.down) phase.unavailableWhileDown += 1;
              // Once the test is over, a request never acknowledged is abandoned (it must then be stored at most once).
              if (!running) break;
              await sleep(100);
            }
          }
        };
        const clients = Array.from({ length: 6 }, () => client());
        await sleep(2000);

        await database.stop();
        phase.down = true;
        // Every host notices by itself (its pool's connections are gone), and says so.
        await untilEveryHost(hosts, 503, 10_000);
        await sleep(1000);
        await database.start();
        phase.down = false;
        await untilEveryHost(hosts, 200, 15_000);
        phase.recovered = true;
        await sleep(2000);
        running = false;
        await Promise.all(clients);
        // Recovered by themselves: the same three processes, none restarted or crashed.
        expect(hosts.map((host) => host.child.exitCode)).toEqual([null, null, null]);

        // A client that lost an answer sends the same body again: the same number, through any host.
        for (const [requestId, numbers] of numbersById) {
          if (numbers.size === 0) continue;
          const response = await fetch(`${nginx.url}/api/v1/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodies.get(requestId)) });
          expect(response.status).toBe(201);
          numbers.add(((await response.json()) as { registrationNumber: string }).registrationNumber);
        }
      } finally {
        running = false;
        await nginx.stop();
      }
    } finally {
      running = false;
      for (const host of hosts) host.child.kill('SIGKILL');
      await Promise.all(hosts.map((host) => host.exited));
      await fs.rm(dataDir, { recursive: true, force: true });
    }

    try {
      const { db } = openDatabase({ dialect: 'postgres', url: database.url }, { pgPoolSize: 1 });
      try {
        const stored = new Set((await db.selectFrom('registrations').select('registration_number').execute()).map((row) => row.registration_number));
        const acknowledged = [...numbersById.values()].flatMap((numbers) => [...numbers]);
        expect(acknowledged.length).toBeGreaterThan(10);
        expect(phase.unavailableWhileDown).toBeGreaterThan(0);
        expect(phase.acknowledgedAfterRecovery).toBeGreaterThan(0);
        expect(badStatuses).toEqual([]);
        expect([...numbersById.values()].filter((numbers) => numbers.size > 1)).toEqual([]);
        expect(acknowledged.filter((number) => !stored.has(number))).toEqual([]);
        // Each requestId registered at most once: one idempotency record per registration, none twice.
        const ids = await db.selectFrom('idempotency_records').select('request_id').where('scope', '=', 'registration').execute();
        expect(new Set(ids.map((row) => row.request_id)).size).toBe(ids.length);
        expect(ids.length).toBe(stored.size);
        expect(stored.size).toBeLessThanOrEqual(numbersById.size);
      } finally {
        await db.destroy();
      }
    } finally {
      await database.dispose();
    }
  }, 120_000); // about 20 s on an idle machine; host start-up alone took 35 s on a saturated one
});
