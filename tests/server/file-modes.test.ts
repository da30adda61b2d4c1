import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRegistration } from '../support/fixtures';
import { request } from '../support/http';
import { startTestHost } from '../support/test-host';

const mode = async (file: string) => (await fs.stat(file)).mode & 0o777;

describe('files holding personal data (SQLite)', () => {
  it('creates the data folder 0700 and the SQLite file with its -wal and -shm 0600, and tightens ones found looser', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'host-modes-'));
    const dataDir = path.join(root, 'data');
    const file = path.join(dataDir, 'registrations.sqlite');
    try {
      const host = await startTestHost({ url: '', dataDir });
      try {
        expect((await request(host.url, 'POST', '/api/v1/registrations', { body: newRegistration() })).status).toBe(201);
        expect(await mode(dataDir)).toBe(0o700);
        expect(await mode(path.join(dataDir, 'keys'))).toBe(0o700);
        for (const name of [file, `${file}-wal`, `${file}-shm`]) expect((await mode(name)).toString(8), name).toBe('600');
      } finally {
        await host.close();
      }
      await fs.chmod(file, 0o644);
      const again = await startTestHost({ url: '', dataDir });
      await again.close();
      expect((await mode(file)).toString(8)).toBe('600');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
