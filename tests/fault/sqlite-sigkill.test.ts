import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { newRegistration } from '../support/fixtures';
import { spawnHost } from '../support/host-process';
import { TEST_HOST_ENV } from '../support/test-host';

/** Registration numbers in the SQLite file, read after the host is gone. */
async function storedNumbers(file: string): Promise<Set<string>> {
  const { db } = openDatabase({ dialect: 'sqlite', file });
  try {
    return new Set((await db.selectFrom('registrations').select('registration_number').execute()).map((row) => row.registration_number));
  } finally {
    await db.destroy();
  }
}

describe('SIGKILL of a host on SQLite under load', () => {
  it('keeps every registration it acknowledged with 201', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'host-sigkill-'));
    const file = path.join(dataDir, 'registrations.sqlite');
    try {
      const acknowledged: string[] = [];
      for (let round = 0; round < 3; round += 1) {
        const host = await spawnHost({ ...TEST_HOST_ENV, PORT: '0', DATA_DIR: dataDir });
        let running = true;
        const clients = Array.from({ length: 8 }, async () => {
          while (running) {
            try {
              const response = await fetch(`${host.url}/api/v1/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(newRegistration()) });
              if (response.status === 201) acknowledged.push(((await response.json()) as { registrationNumber: string }).registrationNumber);
            } catch {
              // the host died mid-request: that registration was never acknowledged
            }
          }
        });
        await sleep(700 + Math.random() * 800);
        host.child.kill('SIGKILL');
        await host.exited;
        running = false;
        await Promise.all(clients);
      }
      expect(acknowledged.length).toBeGreaterThan(10);
      const stored = await storedNumbers(file);
      expect(acknowledged.filter((number) => !stored.has(number))).toEqual([]);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
