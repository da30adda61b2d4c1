import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRegistration } from '../support/fixtures';
import { request } from '../support/http';
import { spawnHost } from '../support/host-process';
import { TEST_HOST_ENV } from '../support/test-host';

interface ThreadState {
  tid: number;
  nice: number;
  cpuNs: number;
}

/** Every thread of a process with its nice value (/proc/PID/task/TID/stat field 19) and the CPU it has used. */
async function threadsOf(pid: number): Promise<ThreadState[]> {
  const threads: ThreadState[] = [];
  for (const tid of await fs.readdir(`/proc/${pid}/task`)) {
    const stat = await fs.readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuNs = Number((await fs.readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')).split(' ')[0]);
    threads.push({ tid: Number(tid), nice: Number(fields[16]), cpuNs });
  }
  return threads;
}

describe.runIf(process.platform === 'linux')('the hashing threads of `npm run host` (Linux)', () => {
  async function withHost(env: Record<string, string>, run: (pid: number, url: string, stdout: () => string) => Promise<void>): Promise<void> {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hash-nice-'));
    const host = await spawnHost({ ...TEST_HOST_ENV, PORT: '0', DATA_DIR: dataDir, UV_THREADPOOL_SIZE: '4', PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2', ...env });
    try {
      const pid = host.child.pid;
      if (pid === undefined) throw new Error('no pid');
      await run(pid, host.url, host.stdout);
    } finally {
      host.child.kill('SIGTERM');
      await host.exited;
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }

  it('run at nice 10 by default (all four threadpool threads, nothing else), and the hashes run on them', async () => {
    await withHost({}, async (pid, url, stdout) => {
      expect(stdout()).toContain('hashing threads run at a lower priority than requests');
      const before = await threadsOf(pid);
      const lowered = before.filter((thread) => thread.nice === 10);
      expect(lowered).toHaveLength(4);
      expect(before.find((thread) => thread.tid === pid)?.nice).toBe(0);
      expect(before.filter((thread) => thread.nice !== 10 && thread.nice !== 0)).toEqual([]);
      for (let i = 0; i < 3; i += 1) expect((await request(url, 'POST', '/api/v1/registrations', { body: newRegistration() })).status).toBe(201);
      const after = await threadsOf(pid);
      const cpuOf = (threads: ThreadState[], tids: Set<number>) => threads.filter((thread) => tids.has(thread.tid)).reduce((sum, thread) => sum + thread.cpuNs, 0);
      const loweredIds = new Set(lowered.map((thread) => thread.tid));
      const others = new Set(before.filter((thread) => !loweredIds.has(thread.tid)).map((thread) => thread.tid));
      // Three argon2id hashes at 19 MiB, t=2 cost several milliseconds each, all on the lowered threads.
      const hashingNs = cpuOf(after, loweredIds) - cpuOf(before, loweredIds);
      expect(hashingNs).toBeGreaterThan(3 * 3e6);
      expect(after.filter((thread) => others.has(thread.tid) && thread.nice === 10)).toEqual([]);
    });
  }, 90_000);

  it('stay at the host’s priority with PASSWORD_HASH_NICE=0', async () => {
    await withHost({ PASSWORD_HASH_NICE: '0' }, async (pid, _url, stdout) => {
      expect(stdout()).not.toContain('lower priority');
      expect((await threadsOf(pid)).filter((thread) => thread.nice !== 0)).toEqual([]);
    });
  }, 90_000);
});
