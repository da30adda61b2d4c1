/**
 * `npm run bench:host`: how fast the registration host is on this machine, and how close to the
 * bound that password hashing sets. Not a test: it prints figures and ratios.
 *
 * Measures, on SQLite and (when reachable) PostgreSQL, a host started as `npm run host` starts it
 * (a child process, production argon2 cost): GET /healthz throughput as the baseline, sustained
 * registrations/s of unique devices with p50/p99, and GET /api/v1/form p99 while registrations
 * saturate the CPU. One hash's CPU time gives the bound: cores ÷ hash time.
 *
 * BENCH_SECONDS (default 15) sets each phase's length; BENCH_POSTGRES_URL the admin URL of PostgreSQL.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import argon2 from 'argon2';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CORES = os.availableParallelism();
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Mean CPU and wall time of one production-cost argon2id hash, run one at a time. */
async function measureHash(samples = 20): Promise<{ cpuMs: number; wallMs: number }> {
  for (let i = 0; i < 3; i += 1) await argon2.hash('warm-up password', { type: argon2.argon2id, ...COST });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = 0; i < samples; i += 1) await argon2.hash(`password number ${i}`, { type: argon2.argon2id, ...COST });
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / samples, wallMs: (performance.now() - wallBefore) / samples };
}

interface BenchHost {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (all threads) a process has used so far, from /proc; null off Linux. */
async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine so far, from /proc/stat; null off Linux. */
async function machineBusyMs(): Promise<number | null> {
  try {
    const line = (await fs.readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * CLOCK_TICK_MS;
  } catch {
    return null;
  }
}

/** Where the CPU went during a phase: the host, this benchmark (the load generator) and everything else. */
interface CpuSplit {
  hostMs: number;
  benchMs: number;
  othersMs: number;
  wallMs: number;
}

async function measureCpu<T>(pid: number, run: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit | null }> {
  const hostBefore = await processCpuMs(pid);
  const machineBefore = await machineBusyMs();
  const benchBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await run();
  const wallMs = performance.now() - wallBefore;
  const bench = process.cpuUsage(benchBefore);
  const hostAfter = await processCpuMs(pid);
  const machineAfter = await machineBusyMs();
  if (hostBefore === null || hostAfter === null || machineBefore === null || machineAfter === null) return { result, cpu: null };
  const hostMs = hostAfter - hostBefore;
  const benchMs = (bench.user + bench.system) / 1000;
  return { result, cpu: { hostMs, benchMs, othersMs: Math.max(0, machineAfter - machineBefore - hostMs - benchMs), wallMs } };
}

/** Starts `tsx server/main.ts` as `npm run host` would, with production hashing and no rate limit. */
async function startHost(databaseUrl: string | undefined, dataDir: string): Promise<BenchHost> {
  // node --import tsx (not the tsx CLI, which forks again) so the child's pid is the host's, for its CPU time.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      OPERATOR_PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
      PG_POOL_SIZE: String(Math.max(4, CORES * 2)),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (out.length < 10_000) out += chunk.toString();
      const match = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const customer = {
  name: 'Bench Marker',
  email: 'bench@example.jp',
  phone: '03-1234-5678',
  postalCode: '100-0001',
  address: 'Chiyoda 1-1, Tokyo',
  country: 'JP',
};

/** A new registration of a device nobody registered before. */
function uniqueRegistration(): string {
  return JSON.stringify({
    requestId: crypto.randomUUID(),
    device: { kind: 'pc', vendor: 'Bench', model: 'B1', serial: `BN${crypto.randomBytes(8).toString('hex')}`, hardwareUuid: crypto.randomUUID(), source: 'firmware' },
    customer,
    password: 'bench password 1',
    consent: { privacyPolicyVersion: process.env.PRIVACY_POLICY_VERSION ?? '2026-01' },
  });
}

function registrations(url: string, connections: number, amount?: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/api/v1/registrations`,
    connections,
    ...(amount ? { amount } : { duration: SECONDS }),
    timeout: 30,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: uniqueRegistration() }) }],
  });
}

function gets(url: string, connections: number, overallRate?: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: SECONDS, ...(overallRate ? { overallRate } : {}) });
}

interface Figures {
  store: string;
  healthzPerSecond: number;
  healthzP99: number;
  registrationsPerSecond: number;
  registrationP50: number;
  registrationP99: number;
  registrationErrors: number;
  loadedRegistrationsPerSecond: number;
  formP99: number;
  formP50: number;
  formErrors: number;
  cpu: CpuSplit | null;
}

const perSecond = (result: autocannon.Result) => result['2xx'] / result.duration;
const failures = (result: autocannon.Result) => result.errors + result.non2xx;

async function benchStore(store: string, databaseUrl: string | undefined): Promise<Figures> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-host-'));
  const host = await startHost(databaseUrl, dataDir);
  try {
    process.stdout.write(`[${store}] host at ${host.url}; healthz baseline…\n`);
    const healthz = await gets(`${host.url}/healthz`, 32);
    process.stdout.write(`[${store}] sustained registrations…\n`);
    await registrations(host.url, CORES * 2, 40); // warm-up: JIT, pools, caches
    const { result: sustained, cpu } = await measureCpu(host.pid, () => registrations(host.url, CORES * 4));
    process.stdout.write(`[${store}] GET /api/v1/form while registrations saturate the CPU…\n`);
    const [loaded, form] = await Promise.all([registrations(host.url, CORES * 4), gets(`${host.url}/api/v1/form`, 4, 50)]);
    return {
      store,
      healthzPerSecond: perSecond(healthz),
      healthzP99: healthz.latency.p99,
      registrationsPerSecond: perSecond(sustained),
      registrationP50: sustained.latency.p50,
      registrationP99: sustained.latency.p99,
      registrationErrors: failures(sustained) + failures(loaded),
      loadedRegistrationsPerSecond: perSecond(loaded),
      formP99: form.latency.p99,
      formP50: form.latency.p50,
      formErrors: failures(form),
      cpu,
    };
  } finally {
    await host.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(run: (url: string) => Promise<T>): Promise<T | null> {
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    process.stdout.write(`PostgreSQL at ${PG_ADMIN} unreachable (${error instanceof Error ? error.message : String(error)}); its figures are skipped.\n`);
    return null;
  }
  const name = `bench_host_${Date.now()}`;
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  process.stdout.write(`registration host benchmark: ${CORES} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg().map((l) => round(l, 2)).join(' ')}, ${SECONDS} s per phase\n`);
  // A shared or virtual machine's CPU speed drifts, so the hash is timed before, between and after the runs.
  const hashSamples = [await measureHash()];
  const results: Figures[] = [await benchStore('sqlite', undefined)];
  hashSamples.push(await measureHash());
  const pgFigures = await withPostgres((url) => benchStore('postgres', url));
  if (pgFigures) results.push(pgFigures);
  hashSamples.push(await measureHash());
  const sortedCpu = hashSamples.map((sample) => sample.cpuMs).sort((a, b) => a - b);
  const hash = { cpuMs: sortedCpu[Math.floor(sortedCpu.length / 2)] ?? 0 };
  const bound = CORES / (hash.cpuMs / 1000);
  process.stdout.write(
    `one argon2id hash (m=19456 KiB, t=2, p=1): median ${round(hash.cpuMs)} ms CPU (samples ${sortedCpu.map((ms) => round(ms)).join(', ')} ms) → bound ${round(bound)} registrations/s (${CORES} cores ÷ hash CPU time)\n`,
  );

  process.stdout.write('\n');
  for (const r of results) {
    const cpuLines: string[] = [];
    if (r.cpu) {
      const registered = r.registrationsPerSecond * (r.cpu.wallMs / 1000);
      const hostPerRegistration = r.cpu.hostMs / Math.max(registered, 1);
      const othersCores = r.cpu.othersMs / r.cpu.wallMs;
      const leftCores = Math.max(0.1, CORES - othersCores - r.cpu.benchMs / r.cpu.wallMs);
      const leftBound = leftCores / (hash.cpuMs / 1000);
      cpuLines.push(
        `  host CPU per registration:  ${round(hostPerRegistration)} ms (one hash ${round(hash.cpuMs)} ms = ${round((hash.cpuMs / hostPerRegistration) * 100)} % of it)`,
        `  CPU during the phase:       host ${round(r.cpu.hostMs / r.cpu.wallMs, 2)} cores, load generator ${round(r.cpu.benchMs / r.cpu.wallMs, 2)}, other processes ${round(othersCores, 2)} of ${CORES}`,
        `  ÷ bound of the CPU left:    ${round((r.registrationsPerSecond / leftBound) * 100)} % (${round(leftCores, 2)} cores left to host → ${round(leftBound)} /s)`,
      );
    }
    process.stdout.write(
      [
        `== ${r.store}`,
        `GET /healthz baseline:        ${round(r.healthzPerSecond)} req/s (p99 ${r.healthzP99} ms)`,
        `registrations (unique):       ${round(r.registrationsPerSecond)} /s, p50 ${r.registrationP50} ms, p99 ${r.registrationP99} ms, errors ${r.registrationErrors}`,
        `  ÷ hash bound:               ${round((r.registrationsPerSecond / bound) * 100)} % (target ≥ 80 %)`,
        ...cpuLines,
        `  healthz ÷ registrations:    ${round(r.healthzPerSecond / Math.max(r.registrationsPerSecond, 1))}×`,
        `GET /api/v1/form under load:  p50 ${r.formP50} ms, p99 ${r.formP99} ms (target ≤ 50 ms), errors ${r.formErrors}; registrations meanwhile ${round(r.loadedRegistrationsPerSecond)} /s`,
        '',
      ].join('\n'),
    );
  }
  if (results.length === 2) {
    const [sqlite, postgres] = results as [Figures, Figures];
    process.stdout.write(`postgres ÷ sqlite registrations/s: ${round(postgres.registrationsPerSecond / Math.max(sqlite.registrationsPerSecond, 1), 2)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
