import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { helperAccess } from '../../electron/first-boot/state-file-access';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the state helper that exits without reading what it was sent', () => {
  it('is judged by its exit code, not by the broken pipe behind it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'state-helper-'));
    dirs.push(dir);
    // Stands in for fbr-state-helper refusing a write at once (exit 4), before it reads stdin.
    const helper = path.join(dir, 'refusing-helper.sh');
    await writeFile(helper, '#!/bin/sh\nexit 4\n');
    await chmod(helper, 0o755);
    const uncaught: unknown[] = [];
    const listener = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', listener);
    try {
      // 4 MiB: more than a pipe holds, so the write is still going when the helper has gone.
      for (let i = 0; i < 5; i += 1) await expect(helperAccess(helper).write('x'.repeat(4 * 1024 * 1024))).rejects.toThrow('fbr-state-helper write exited 4');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(uncaught).toEqual([]);
  });
});
