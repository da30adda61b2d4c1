import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { postgresVariantOnly } from '../support/databases';
import { newRegistration } from '../support/fixtures';
import { spawnHost, type HostProcess } from '../support/host-process';
import { startNginx } from '../support/nginx';
import { haveTools } from '../support/system-tools';
import { TEST_HOST_ENV } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';

const variants = await postgresVariantOnly('fleet-sigkill.test');
const tools = haveTools('nginx');
if (variants.length === 0 || !tools) it.skip('needs PostgreSQL and nginx (skipped: see the notes above)', () => undefined);

describe.skipIf(!tools).each(variants)('three hosts behind nginx on $kind, SIGKILLed at random under load', (variant) => {
  const suite = useTestDatabase(variant);

  it('loses no acknowledged registration, registers each requestId once, replays the same number, shows no 5xx but 503', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-'));
    const env = { ...TEST_HOST_ENV, DATABASE_URL: suite.database.url, DATA_DIR: dataDir, TRUST_PROXY: '1' };
    const hosts: HostProcess[] = [];
    // One after the other: the first creates the shared keys, and start-up is CPU-bound.
    for (let i = 0; i < 3; i += 1) hosts.push(await spawnHost({ ...env, PORT: '0' }));
    const ports = hosts.map((host) => new URL(host.url).port);
    const nginx = await startNginx(ports.map(Number));
    const numbersById = new Map<string, Set<string>>();
    const badStatuses: number[] = [];
    let retried = 0;
    let running = true;
    try {
      const client = async () => {
        while (running) {
          const body = newRegistration();
          numbersById.set(body.requestId, new Set());
          for (let attempt = 0; ; attempt += 1) {
            if (attempt > 0) retried += 1;
            const response = await fetch(`${nginx.url}/api/v1/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
            if (response?.status === 201) {
              numbersById.get(body.requestId)?.add(((await response.json()) as { registrationNumber: string }).registrationNumber);
              // Now and then, send the acknowledged request again as a client that lost the answer would.
              if (crypto.randomInt(4) > 0) break;
              continue;
            }
            if (response !== null && response.status >= 500 && response.status !== 503) badStatuses.push(response.status);
            if (response !== null && response.status !== 503 && response.status < 500) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
            // Once the test is over, a request never acknowledged is simply abandoned (it must then be stored at most once).
            if (!running) break;
            await sleep(100);
          }
        }
      };
      const killer = async () => {
        for (let round = 0; round < 3; round += 1) {
          await sleep(1000 + crypto.randomInt(1500));
          const index = crypto.randomInt(hosts.length);
          const victim = hosts[index];
          if (!victim) continue;
          victim.child.kill('SIGKILL');
          await victim.exited;
          hosts[index] = await spawnHost({ ...env, PORT: ports[index] ?? '0' });
        }
      };
      const clients = Array.from({ length: 6 }, () => client());
      await killer();
      running = false;
      await Promise.all(clients);
    } finally {
      running = false;
      await nginx.stop();
      for (const host of hosts) host.child.kill('SIGKILL');
      await Promise.all(hosts.map((host) => host.exited));
      await fs.rm(dataDir, { recursive: true, force: true });
    }

    const { db } = openDatabase({ dialect: 'postgres', url: suite.database.url }, { pgPoolSize: 1 });
    try {
      const stored = new Set((await db.selectFrom('registrations').select('registration_number').execute()).map((row) => row.registration_number));
      const acknowledged = [...numbersById.values()].flatMap((numbers) => [...numbers]);
      expect(acknowledged.length).toBeGreaterThan(20);
      expect(retried).toBeGreaterThan(0);
      expect(badStatuses).toEqual([]);
      expect([...numbersById.values()].filter((numbers) => numbers.size > 1)).toEqual([]);
      expect(acknowledged.filter((number) => !stored.has(number))).toEqual([]);
      // Each requestId registered at most once: no more registrations than ids sent.
      expect(stored.size).toBeLessThanOrEqual(numbersById.size);
      const ids = await db.selectFrom('idempotency_records').select('request_id').where('scope', '=', 'registration').execute();
      expect(new Set(ids.map((row) => row.request_id)).size).toBe(ids.length);
      expect(ids.length).toBe(stored.size);
    } finally {
      await db.destroy();
    }
  }, 150_000);
});
