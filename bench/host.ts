/**
 * `npm run bench:host`: how fast the registration host is on this machine, and how close to the
 * bound that password hashing sets. Not a test: it prints figures and ratios against baselines
 * measured in the same run (a shared machine's absolute figures drift).
 *
 * For SQLite and (when reachable) PostgreSQL, on a host started as `npm run host` starts it (a child
 * process, production argon2 cost): GET /healthz throughput as the baseline; sustained registrations/s
 * of unique devices with p50/p99 and where the host's CPU went (event-loop thread vs the threadpool
 * that hashes); lookups/s with p50/p99; GET /api/v1/form p99 while registrations saturate the CPU;
 * on SQLite the cost of `synchronous = FULL` against NORMAL; and registrations and lookups again on a
 * store prefilled with 10^6 registrations, as ratios to the empty store.
 *
 * The hash bound is what hashing alone would allow on the CPU the host could use: the cores left to
 * the host during the phase (all cores minus this load generator's and every other process's CPU time,
 * read from /proc; on PostgreSQL that includes the database server) ÷ one hash's CPU time, sampled by
 * this process during that same phase (a hash, then a pause as long; the CPU its threadpool spent over
 * the hashes made), because a hash's cost moves with what else the machine runs. Hashes timed between
 * the stores are printed too, for reference.
 *
 * Options: --quick (5 s phases, 10^5 prefilled rows), --store sqlite|postgres (repeatable),
 * --prefill N, --cpu-prof DIR (profile the host's registrations only and print its top self-times).
 * BENCH_SECONDS overrides the phase length; BENCH_POSTGRES_URL is the admin URL of PostgreSQL;
 * BENCH_HOST_ROOT another checkout whose host to run (for before/after figures).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { threadpoolSize } from '../server/config';
import { migrateToLatest, openDatabase } from '../server/db/open-database';
import { lowerHashThreadPriority } from '../server/security/hash-thread-priority';
import { prefilledDevice, prefillPostgres, prefillSqlite } from './prefill-store';
import { readProfile, topSelfTime } from './profile-top';

const { values: options } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, store: { type: 'string', multiple: true }, prefill: { type: 'string' }, 'cpu-prof': { type: 'string' } },
});
// BENCH_HOST_ROOT runs another checkout's host (a before/after comparison on the same machine state).
const ROOT = path.resolve(process.env.BENCH_HOST_ROOT ?? path.join(import.meta.dirname, '..'));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (options.quick ? 5 : 15));
const PREFILL = Number(options.prefill ?? (options.quick ? 100_000 : 1_000_000));
const STORES = options.store ?? ['sqlite', 'postgres'];
const PROFILE_DIR = options['cpu-prof'];
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CORES = os.availableParallelism();
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const PASSWORD = 'bench password 1';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

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

/** CPU time a process (`/proc/PID/stat`) or one of its threads (`/proc/PID/task/TID/stat`) has used so far; null off Linux. */
async function cpuMsOf(statFile: string): Promise<number | null> {
  try {
    const stat = await fs.readFile(statFile, 'utf8');
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

/** Where the CPU went during a phase: the host (and its event-loop thread), this load generator, everything else. */
interface CpuSplit {
  hostMs: number;
  hostMainThreadMs: number;
  benchMs: number;
  othersMs: number;
  wallMs: number;
  /** One production-cost hash's CPU time, sampled by this process during the phase (same contention as the host's). */
  hashCpuMs: number | null;
}

/** CPU time of this process's threads other than the main one (the threadpool that hashes; autocannon runs on the main thread). */
async function ownThreadpoolCpuMs(): Promise<number> {
  const tasks = await fs.readdir(`/proc/${process.pid}/task`);
  const times = await Promise.all(tasks.filter((tid) => tid !== String(process.pid)).map((tid) => cpuMsOf(`/proc/${process.pid}/task/${tid}/stat`)));
  return times.reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
}

/**
 * Hashes one password at a time (a hash, then a pause as long) until `done`, and answers one hash's CPU
 * time: the threadpool's CPU over the hashes made. A hash's cost moves with what else the machine runs
 * (caches, memory bandwidth), so the bound is set by hashes made under the very load being measured.
 */
async function sampleHashes(done: () => boolean): Promise<number | null> {
  const before = await ownThreadpoolCpuMs();
  let hashes = 0;
  while (!done()) {
    const started = performance.now();
    await argon2.hash(`sample ${hashes}`, { type: argon2.argon2id, ...COST });
    hashes += 1;
    await new Promise((resolve) => setTimeout(resolve, performance.now() - started));
  }
  return hashes < 5 ? null : ((await ownThreadpoolCpuMs()) - before) / hashes;
}

async function measureCpu<T>(pid: number, run: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit | null }> {
  const read = () => Promise.all([cpuMsOf(`/proc/${pid}/stat`), cpuMsOf(`/proc/${pid}/task/${pid}/stat`), machineBusyMs()]);
  const before = await read();
  const benchBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let finished = false;
  const sampling = before.includes(null) ? Promise.resolve(null) : sampleHashes(() => finished);
  let result: T;
  try {
    result = await run();
  } finally {
    finished = true;
  }
  const hashCpuMs = await sampling;
  const wallMs = performance.now() - wallBefore;
  const bench = process.cpuUsage(benchBefore);
  const after = await read();
  if (before.includes(null) || after.includes(null)) return { result, cpu: null };
  const [hostMs, hostMainThreadMs, machineMs] = after.map((value, i) => (value ?? 0) - (before[i] ?? 0)) as [number, number, number];
  const benchMs = (bench.user + bench.system) / 1000;
  return { result, cpu: { hostMs, hostMainThreadMs, benchMs, othersMs: Math.max(0, machineMs - hostMs - benchMs), wallMs, hashCpuMs } };
}

/** Starts `server/main.ts` as `npm run host` would, with production hashing and no rate limit. */
async function startHost(databaseUrl: string | undefined, dataDir: string, env: Record<string, string> = {}, profileDir?: string): Promise<BenchHost> {
  // node --import tsx (not the tsx CLI, which forks again) so the child's pid is the host's, for its CPU time.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
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
      ...env,
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

type Device = ReturnType<typeof prefilledDevice>;

/** A new registration of a device nobody registered before, and that device. */
function uniqueRegistration(): { body: string; device: Device } {
  const device = { kind: 'pc', vendor: 'Bench', model: 'B1', serial: `BN${crypto.randomBytes(8).toString('hex')}`, hardwareUuid: crypto.randomUUID(), source: 'firmware' };
  const body = JSON.stringify({ requestId: crypto.randomUUID(), device, customer, password: PASSWORD, consent: { privacyPolicyVersion: process.env.PRIVACY_POLICY_VERSION ?? '2026-01' } });
  return { body, device };
}

/** Registrations of unique devices; `registered` collects (up to 50 000 of) the devices answered 201, for lookups. */
function registrations(url: string, connections: number, options: { amount?: number; registered?: Device[] } = {}): Promise<autocannon.Result> {
  const { registered } = options;
  return autocannon({
    url: `${url}/api/v1/registrations`,
    connections,
    ...(options.amount ? { amount: options.amount } : { duration: SECONDS }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request, context) => {
          const { body, device } = uniqueRegistration();
          (context as { device?: Device }).device = device;
          return { ...request, body };
        },
        onResponse: (status, _body, context) => {
          const { device } = context as { device?: Device };
          if (status === 201 && device && registered && registered.length < 50_000) registered.push(device);
        },
      },
    ],
  });
}

/** Successful lookups (right password) of devices drawn at random by `pick`. */
function lookups(url: string, connections: number, pick: () => Device): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/api/v1/registrations/lookup`,
    connections,
    duration: SECONDS,
    timeout: 30,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ device: pick(), password: PASSWORD }) }) }],
  });
}

function gets(url: string, connections: number, overallRate?: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: SECONDS, ...(overallRate ? { overallRate } : {}) });
}

/** One load phase: answers/s, latency, failures and (on Linux) where the CPU went. */
interface Phase {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  cpu: CpuSplit | null;
}

const perSecond = (result: autocannon.Result) => result['2xx'] / result.duration;
const failures = (result: autocannon.Result) => result.errors + result.non2xx;
const phaseOf = (result: autocannon.Result, cpu: CpuSplit | null = null): Phase => ({ perSecond: perSecond(result), p50: result.latency.p50, p99: result.latency.p99, errors: failures(result), cpu });

/** A fresh, empty (migrated on first start) store and the data folder of the host's keys. */
interface FreshStore {
  databaseUrl: string | undefined;
  dataDir: string;
  dispose(): Promise<void>;
}

async function freshStore(store: string): Promise<FreshStore> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-host-'));
  const removeDir = () => fs.rm(dataDir, { recursive: true, force: true });
  if (store === 'sqlite') return { databaseUrl: undefined, dataDir, dispose: removeDir };
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  await admin.connect();
  const name = `bench_host_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async dispose() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await removeDir();
    },
  };
}

/** Migrates `fresh` and fills it with `count` registrations whose password is PASSWORD; returns the seconds it took. */
async function prefill(fresh: FreshStore, count: number): Promise<number> {
  const started = performance.now();
  const file = path.join(fresh.dataDir, 'registrations.sqlite');
  const open = openDatabase(fresh.databaseUrl === undefined ? { dialect: 'sqlite', file } : { dialect: 'postgres', url: fresh.databaseUrl });
  await migrateToLatest(open);
  await open.db.destroy();
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, ...COST });
  if (fresh.databaseUrl === undefined) prefillSqlite(file, count, hash);
  else await prefillPostgres(fresh.databaseUrl, count, hash);
  return (performance.now() - started) / 1000;
}

/** Warm-up (JIT, pools, caches), then sustained registrations with the host's CPU split. */
async function sustainedRegistrations(host: BenchHost, registered?: Device[]): Promise<Phase> {
  await registrations(host.url, CORES * 2, { amount: 40 });
  const { result, cpu } = await measureCpu(host.pid, () => registrations(host.url, CORES * 4, { registered }));
  return phaseOf(result, cpu);
}

async function sustainedLookups(host: BenchHost, pick: () => Device): Promise<Phase> {
  const { result, cpu } = await measureCpu(host.pid, () => lookups(host.url, CORES * 4, pick));
  return phaseOf(result, cpu);
}

interface StoreFigures {
  store: string;
  healthzPerSecond: number;
  healthzP99: number;
  registrations: Phase;
  lookups: Phase;
  loadedRegistrationsPerSecond: number;
  loadedRegistrationErrors: number;
  formP50: number;
  formP99: number;
  formErrors: number;
  /** SQLite only: registrations with `synchronous = NORMAL` instead of FULL. */
  normalSync: Phase | null;
  prefilled: { rows: number; fillSeconds: number; registrations: Phase; lookups: Phase };
}

/** Runs `measure` on a host over a fresh store (prefilled with `rows` first when given), then cleans up. */
async function onHost<T>(store: string, measure: (host: BenchHost) => Promise<T>, setup: { env?: Record<string, string>; rows?: number; profileDir?: string } = {}): Promise<T & { fillSeconds: number }> {
  const fresh = await freshStore(store);
  try {
    const fillSeconds = setup.rows ? await prefill(fresh, setup.rows) : 0;
    const host = await startHost(fresh.databaseUrl, fresh.dataDir, setup.env, setup.profileDir);
    try {
      return { ...(await measure(host)), fillSeconds };
    } finally {
      await host.stop();
    }
  } finally {
    await fresh.dispose();
  }
}

const pickFrom = (devices: Device[]) => () => devices[Math.floor(Math.random() * devices.length)] ?? prefilledDevice(0);

async function benchStore(store: string): Promise<StoreFigures> {
  log(`[${store}] empty store: healthz baseline, registrations, lookups, GET /api/v1/form under load…`);
  const empty = await onHost(store, async (host) => {
    const healthz = await gets(`${host.url}/healthz`, 32);
    const registered: Device[] = [];
    const sustained = await sustainedRegistrations(host, registered);
    const looked = await sustainedLookups(host, pickFrom(registered));
    const [loaded, form] = await Promise.all([registrations(host.url, CORES * 4), gets(`${host.url}/api/v1/form`, 4, 50)]);
    return { healthz, sustained, looked, loaded, form };
  });
  let normalSync: Phase | null = null;
  if (store === 'sqlite') {
    log(`[${store}] registrations with synchronous = NORMAL…`);
    normalSync = (await onHost(store, async (host) => ({ phase: await sustainedRegistrations(host) }), { env: { SQLITE_SYNCHRONOUS: 'normal' } })).phase;
  }
  log(`[${store}] store prefilled with ${PREFILL} registrations: fill, registrations, lookups…`);
  const prefilled = await onHost(
    store,
    async (host) => ({ registrations: await sustainedRegistrations(host), lookups: await sustainedLookups(host, () => prefilledDevice(Math.floor(Math.random() * PREFILL))) }),
    { rows: PREFILL },
  );
  log(`[${store}] filled in ${round(prefilled.fillSeconds)} s`);
  return {
    store,
    healthzPerSecond: perSecond(empty.healthz),
    healthzP99: empty.healthz.latency.p99,
    registrations: empty.sustained,
    lookups: empty.looked,
    loadedRegistrationsPerSecond: perSecond(empty.loaded),
    loadedRegistrationErrors: failures(empty.loaded),
    formP50: empty.form.latency.p50,
    formP99: empty.form.latency.p99,
    formErrors: failures(empty.form),
    normalSync,
    prefilled: { rows: PREFILL, fillSeconds: prefilled.fillSeconds, registrations: prefilled.registrations, lookups: prefilled.lookups },
  };
}

/** The hash bound of a phase: registrations/s ÷ (cores left to the host ÷ hash CPU), and the CPU lines behind it. */
function boundLines(phase: Phase, betweenPhasesHashMs: number): { percent: number | null; lines: string[] } {
  const cpu = phase.cpu;
  if (!cpu) return { percent: null, lines: ['  (no /proc: CPU split and bound unavailable)'] };
  const hashCpuMs = cpu.hashCpuMs ?? betweenPhasesHashMs;
  const hashSource = cpu.hashCpuMs === null ? 'between phases' : 'sampled during the phase';
  const answered = phase.perSecond * (cpu.wallMs / 1000);
  const hostPer = cpu.hostMs / Math.max(answered, 1);
  const mainPer = cpu.hostMainThreadMs / Math.max(answered, 1);
  const othersCores = cpu.othersMs / cpu.wallMs;
  const leftCores = Math.max(0.1, CORES - othersCores - cpu.benchMs / cpu.wallMs);
  const bound = leftCores / (hashCpuMs / 1000);
  const percent = (phase.perSecond / bound) * 100;
  return {
    percent,
    lines: [
      `  host CPU per answer:        ${round(hostPer, 2)} ms = event-loop thread ${round(mainPer, 2)} ms + threadpool ${round(hostPer - mainPer, 2)} ms (one hash ${round(hashCpuMs, 2)} ms ${hashSource} = ${round((hashCpuMs / hostPer) * 100)} % of it)`,
      `  CPU during the phase:       host ${round(cpu.hostMs / cpu.wallMs, 2)} cores, load generator ${round(cpu.benchMs / cpu.wallMs, 2)}, other processes ${round(othersCores, 2)} of ${CORES}`,
      `  ÷ hash bound:               ${round(percent)} % (target ≥ 90 %; ${round(leftCores, 2)} cores left to the host ÷ ${round(hashCpuMs, 2)} ms → ${round(bound)} /s)`,
      // The sampler's hash can come out dearer than the host's own (it pauses between hashes, so its caches
      // go cold); the host's threadpool CPU per answer is an upper bound on the host's hash, a stricter bound.
      `  ÷ bound at the host's hash:  ${round((phase.perSecond / (leftCores / ((hostPer - mainPer) / 1000))) * 100)} % (its whole threadpool CPU per answer, ${round(hostPer - mainPer, 2)} ms, taken as the hash: stricter)`,
    ],
  };
}

/** The host's CPU per answer in a phase (ms), 0 without /proc. */
const cpuPerAnswer = (phase: Phase) => (phase.cpu ? phase.cpu.hostMs / Math.max(1, phase.perSecond * (phase.cpu.wallMs / 1000)) : 0);

const phaseLine = (label: string, phase: Phase) => `${label.padEnd(30)}${round(phase.perSecond)} /s, p50 ${phase.p50} ms, p99 ${phase.p99} ms, errors ${phase.errors}`;
const ratio = (value: number, base: number) => round(value / Math.max(base, 1e-9), 2);

function report(r: StoreFigures, hashCpuMs: number): string[] {
  const lines = [
    `== ${r.store}`,
    `GET /healthz baseline:        ${round(r.healthzPerSecond)} req/s (p99 ${r.healthzP99} ms)`,
    phaseLine('registrations (unique):', r.registrations),
    ...boundLines(r.registrations, hashCpuMs).lines,
    phaseLine('lookups (right password):', r.lookups),
    ...boundLines(r.lookups, hashCpuMs).lines,
    `GET /api/v1/form under load:  p50 ${r.formP50} ms, p99 ${r.formP99} ms (target ≤ 25 ms), errors ${r.formErrors}; registrations meanwhile ${round(r.loadedRegistrationsPerSecond)} /s, errors ${r.loadedRegistrationErrors}`,
  ];
  if (r.normalSync) {
    lines.push(
      phaseLine('synchronous = NORMAL:', r.normalSync),
      `  FULL ÷ NORMAL registrations/s: ${ratio(r.registrations.perSecond, r.normalSync.perSecond)} (p99 ${ratio(r.registrations.p99, r.normalSync.p99)}× NORMAL's); event-loop CPU per registration FULL ${r.registrations.cpu && r.normalSync.cpu ? `${round(r.registrations.cpu.hostMainThreadMs / (r.registrations.perSecond * r.registrations.cpu.wallMs / 1000), 2)} ms vs NORMAL ${round(r.normalSync.cpu.hostMainThreadMs / (r.normalSync.perSecond * r.normalSync.cpu.wallMs / 1000), 2)} ms` : 'n/a'}`,
    );
  }
  const p = r.prefilled;
  lines.push(
    `prefilled with ${p.rows} registrations (filled in ${round(p.fillSeconds)} s):`,
    phaseLine('  registrations:', p.registrations),
    ...boundLines(p.registrations, hashCpuMs).lines,
    phaseLine('  lookups:', p.lookups),
    ...boundLines(p.lookups, hashCpuMs).lines,
    `  ÷ empty store (target ≥ 0.9): registrations/s ${ratio(p.registrations.perSecond, r.registrations.perSecond)}, lookups/s ${ratio(p.lookups.perSecond, r.lookups.perSecond)}, lookup p50 speed ${ratio(r.lookups.p50, p.lookups.p50)}, lookup p99 speed ${ratio(r.lookups.p99, p.lookups.p99)} (empty latency ÷ prefilled latency)`,
    `  the same, independent of the CPU the host got in each phase: registrations ÷ hash bound ${ratio(boundLines(p.registrations, hashCpuMs).percent ?? 0, boundLines(r.registrations, hashCpuMs).percent ?? 0)}, lookups ÷ hash bound ${ratio(boundLines(p.lookups, hashCpuMs).percent ?? 0, boundLines(r.lookups, hashCpuMs).percent ?? 0)}, host CPU per registration ${ratio(cpuPerAnswer(r.registrations), cpuPerAnswer(p.registrations))} and per lookup ${ratio(cpuPerAnswer(r.lookups), cpuPerAnswer(p.lookups))} (empty ÷ prefilled)`,
    '',
  );
  return lines;
}

async function postgresReachable(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.end();
    return true;
  } catch (error) {
    log(`PostgreSQL at ${PG_ADMIN} unreachable (${error instanceof Error ? error.message : String(error)}); its figures are skipped.`);
    return false;
  }
}

/** --cpu-prof: registrations only, on a host run with `node --cpu-prof`; prints the top self-times of its event-loop thread. */
async function profileStore(store: string, dir: string, hashCpuMs: number): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  let pid = 0;
  let skipMs = 0;
  const spawned = performance.now();
  const { phase } = await onHost(store, async (host) => {
    pid = host.pid;
    // Start-up and warm-up are left out of the table: the profile of the sustained phase only.
    await registrations(host.url, CORES * 2, { amount: 40 });
    skipMs = performance.now() - spawned;
    return { phase: await sustainedRegistrations(host) };
  }, { profileDir: dir });
  const file = (await fs.readdir(dir)).filter((name) => name.includes(`.${pid}.0.`) && name.endsWith('.cpuprofile')).sort().pop();
  log(phaseLine(`== ${store} (profiled) registrations:`, phase));
  for (const line of boundLines(phase, hashCpuMs).lines) log(line);
  if (file === undefined) {
    log('  no profile written');
    return;
  }
  const { rows, packages, busyMs, wallMs } = topSelfTime(await readProfile(path.join(dir, file)), skipMs);
  log(`  ${path.join(dir, file)}: event loop busy ${Math.round(busyMs)} ms of ${Math.round(wallMs)} ms`);
  log('  | self ms | % of busy | function |');
  for (const row of rows.slice(0, 8)) log(`  | ${Math.round(row.ms)} | ${round((row.ms / busyMs) * 100)} | ${row.name} |`);
  log('  | self ms | % of busy | package |');
  for (const row of packages.slice(0, 6)) log(`  | ${Math.round(row.ms)} | ${round((row.ms / busyMs) * 100)} | ${row.name} |`);
}

async function main(): Promise<void> {
  log(`registration host benchmark: ${CORES} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg().map((l) => round(l, 2)).join(' ')}, ${SECONDS} s per phase`);
  // The host hashes at PASSWORD_HASH_NICE (default 10) below its event loop: the hashes that set the bound must run at the
  // same priority, or they preempt the host's and come out cheaper than the host's can be.
  const nice = Number(process.env.PASSWORD_HASH_NICE ?? 10);
  if (nice > 0) {
    const lowered = await lowerHashThreadPriority(nice, threadpoolSize());
    log(lowered.length > 0 ? `hashing threads of the host and of this sampler at nice +${nice}` : `could not lower this sampler's hashing threads to nice +${nice}: the bound is set by hashes at a higher priority than the host's`);
  }
  const stores = [];
  for (const store of STORES) if (store !== 'postgres' || (await postgresReachable())) stores.push(store);
  // A shared or virtual machine's CPU speed drifts, so the hash is timed before, between and after the stores.
  const hashSamples = [await measureHash()];
  const results: StoreFigures[] = [];
  for (const store of stores) {
    if (PROFILE_DIR) await profileStore(store, PROFILE_DIR, hashSamples[0]?.cpuMs ?? 1);
    else results.push(await benchStore(store));
    hashSamples.push(await measureHash());
  }
  if (PROFILE_DIR) return;
  const sortedCpu = hashSamples.map((sample) => sample.cpuMs).sort((a, b) => a - b);
  const hashCpuMs = sortedCpu[Math.floor(sortedCpu.length / 2)] ?? 1;
  log(`one argon2id hash (m=19456 KiB, t=2, p=1): median ${round(hashCpuMs, 2)} ms CPU (samples ${sortedCpu.map((ms) => round(ms, 2)).join(', ')} ms) → ${round(CORES / (hashCpuMs / 1000))} /s on all ${CORES} cores\n`);
  for (const r of results) for (const line of report(r, hashCpuMs)) log(line);
  const [sqlite, postgres] = [results.find((r) => r.store === 'sqlite'), results.find((r) => r.store === 'postgres')];
  if (sqlite && postgres) log(`postgres ÷ sqlite registrations/s: ${ratio(postgres.registrations.perSecond, sqlite.registrations.perSecond)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
