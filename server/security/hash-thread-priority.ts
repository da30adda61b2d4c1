import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** Nanoseconds each thread of this process has run, by thread id (Linux /proc/self/task/*\/schedstat). */
function threadCpuNs(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      cpu.set(Number(tid), Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

const PROBE_ITERATIONS = 60_000;
const PROBE_ROUNDS = 3;

/** The threads (not the main one) that ran a share of `poolSize` pbkdf2 jobs given at once: each ran one job's CPU, at least half of the `poolSize`-th largest. */
async function threadsRunningOneRound(poolSize: number): Promise<Set<number>> {
  const before = threadCpuNs();
  await Promise.all(Array.from({ length: poolSize }, () => new Promise<void>((resolve, reject) => crypto.pbkdf2('probe', 'salt', PROBE_ITERATIONS, 32, 'sha256', (error) => (error ? reject(error) : resolve())))));
  const deltas = [...threadCpuNs()].filter(([tid]) => tid !== process.pid).map(([tid, ns]) => [tid, ns - (before.get(tid) ?? 0)] as const);
  const oneJob = [...deltas].sort((a, b) => b[1] - a[1])[poolSize - 1]?.[1] ?? 0;
  if (oneJob <= 0) return new Set();
  return new Set(deltas.filter(([, ns]) => ns >= oneJob / 2).map(([tid]) => tid));
}

/**
 * Lowers the priority of libuv's threadpool, where argon2 hashes, by `nice` steps, so that on a
 * saturated machine the event loop (answering `GET /api/v1/form`, lookups, the operator console)
 * preempts hashing instead of queueing behind it; the hashes still take every cycle left over.
 * Linux only: there `setpriority` acts on one thread. libuv's threads carry no name, so they are
 * found by giving each one a short job at once (pbkdf2, about 10–30 ms), three times: the threads
 * that ran a job every time (V8's compiler and GC threads may run during one round, not during all).
 * Returns the thread ids changed; when the probe is not clean (not exactly `poolSize` threads, another
 * platform) it changes nothing.
 */
export async function lowerHashThreadPriority(nice: number, poolSize: number): Promise<number[]> {
  if (process.platform !== 'linux' || nice <= 0 || poolSize < 1) return [];
  let every = await threadsRunningOneRound(poolSize);
  for (let round = 1; round < PROBE_ROUNDS; round += 1) {
    const ran = await threadsRunningOneRound(poolSize);
    every = new Set([...every].filter((tid) => ran.has(tid)));
  }
  if (every.size !== poolSize) return [];
  for (const tid of every) os.setPriority(tid, Math.min(19, os.getPriority(tid) + nice));
  return [...every];
}
