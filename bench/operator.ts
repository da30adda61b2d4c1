/**
 * `npm run bench:operator`: operator search, detail and CSV export as the store grows. Not a test:
 * it prints figures and ratios against the smallest store, measured in the same run.
 *
 * For SQLite and (when reachable) PostgreSQL, fills the store by batched multi-row inserts to 10^3,
 * 10^5 and 10^6 registrations (BENCH_SIZES overrides, comma-separated), starts the host as
 * `npm run host` does (a child process), and measures search p50/p99 by number, serial, e-mail and
 * name prefix, detail p99, export rows/s and the host's peak RSS growth during the export.
 * BENCH_SAMPLES (default 200) requests per figure; BENCH_POSTGRES_URL the admin URL of PostgreSQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/config';
import { migrateToLatest, openDatabase } from '../server/db/open-database';
import { loadHostKeys } from '../server/security/host-keys';
import { operatorHashKey } from '../server/security/operator-secrets';
import { createOperatorToken } from '../server/services/operator-token-service';
import { fillRegistrations, syntheticRow } from './fill-registrations';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const API = '/operator/api/v1';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface ChildHost {
  operatorUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` as `npm run host` would (node --import tsx, so the pid is the host's). */
async function startChild(env: Record<string, string>): Promise<ChildHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', OPERATOR_PORT: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (out.length < 10_000) out += chunk.toString();
  });
  const operatorUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /operator listener listening on (http:\/\/[^\s"]+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  return {
    operatorUrl,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function rssKiB(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** One GET's latency in ms (the body read whole); anything but 200 stops the bench. */
async function timedGet(url: string, token: string, pathname: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}${API}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
  return performance.now() - started;
}

/**
 * Latencies (ms, sorted) of `samples` GETs, each right after a GET of `/me` (token check, no
 * search) whose latencies go to `baseline`: the machine's load hits both alike, so a figure's
 * ratio to /me says what the query itself costs on a shared machine.
 */
async function latencies(url: string, token: string, paths: () => string, baseline: number[], samples = SAMPLES): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    baseline.push(await timedGet(url, token, '/me'));
    times.push(await timedGet(url, token, paths()));
  }
  return times.sort((a, b) => a - b);
}

/** The formatting floor: csv-stringify alone over `rows` rows shaped like the export's (one 5,000-row batch built beforehand, stringified again and again), rows/s in the bench process. */
function csvStringifyRowsPerSecond(rows: number): number {
  const batch: string[][] = [];
  for (let i = 0; i < 5000; i += 1) {
    const row = syntheticRow(i);
    batch.push(['ABCD-EFGH-JKLM-NPQR', 'pc', 'LENOVO', 'ThinkPad T14', row.serial, row.hardwareUuid, new Date().toISOString(), row.name, '', row.email, row.phone, '100-0001', `Chiyoda ${i}`, 'JP']);
  }
  const started = performance.now();
  for (let done = 0; done < rows; done += batch.length) stringifySync(batch);
  return rows / ((performance.now() - started) / 1000);
}

interface Quantiles {
  p50: number;
  p99: number;
}

interface Figures {
  engine: string;
  size: number;
  load: number;
  me: Quantiles;
  search: Record<string, Quantiles>;
  detail: Quantiles;
  exportRowsPerSecond: number;
  csvFloorRowsPerSecond: number;
  rssGrowthMiB: number;
}

const quantiles = (sorted: number[]): Quantiles => ({ p50: round(quantile(sorted, 0.5), 2), p99: round(quantile(sorted, 0.99), 2) });

async function measure(engine: string, databaseUrl: string, dataDir: string, size: number, numbers: string[], token: string): Promise<Figures> {
  const host = await startChild({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  try {
    const load = round(os.loadavg()[0] ?? 0);
    const pick = () => Math.floor(Math.random() * size);
    const kinds: Record<string, () => string> = {
      number: () => `/registrations?q=${numbers[pick()] ?? ''}`,
      serial: () => `/registrations?q=${syntheticRow(pick()).serial.toLowerCase()}`,
      email: () => `/registrations?q=${encodeURIComponent(syntheticRow(pick()).email.toUpperCase())}`,
      namePrefix: () => `/registrations?q=${encodeURIComponent(syntheticRow(pick()).name.slice(0, -1))}`,
    };
    const baseline: number[] = [];
    await latencies(host.operatorUrl, token, kinds.number ?? (() => '/me'), [], 20);
    const search: Figures['search'] = {};
    for (const [name, paths] of Object.entries(kinds)) search[name] = quantiles(await latencies(host.operatorUrl, token, paths, baseline));
    const detail = quantiles(await latencies(host.operatorUrl, token, () => `/registrations/${numbers[pick()] ?? ''}`, baseline));
    const before = await rssKiB(host.pid);
    let peak = before;
    const sampler = setInterval(() => {
      void rssKiB(host.pid).then((kib) => (peak = Math.max(peak, kib)), () => undefined);
    }, 25);
    const started = performance.now();
    const response = await fetch(`${host.operatorUrl}${API}/exports/registrations.csv`, { headers: { authorization: `Bearer ${token}` } });
    let lines = 0;
    const reader = response.body?.getReader();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      // Buffer.indexOf runs in C++: the bench's own counting must not be what limits rows/s.
      const view = chunk.value as Uint8Array;
      const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (lines - 1 !== size) throw new Error(`the export held ${lines - 1} rows, not ${size}`);
    const csvFloorRowsPerSecond = Math.round(csvStringifyRowsPerSecond(Math.min(size, 200_000)));
    return { engine, size, load, me: quantiles(baseline.sort((a, b) => a - b)), search, detail, exportRowsPerSecond: Math.round(size / seconds), csvFloorRowsPerSecond, rssGrowthMiB: round((peak - before) / 1024) };
  } finally {
    await host.stop();
  }
}

async function runEngine(engine: 'sqlite' | 'postgres'): Promise<Figures[]> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `bench-operator-${engine}-`));
  let databaseUrl = `sqlite:${path.join(dataDir, 'bench.sqlite')}`;
  const pgName = `bench_operator_${process.pid}`;
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`create database ${pgName}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${pgName}`;
    databaseUrl = url.toString();
  }
  const figures: Figures[] = [];
  try {
    const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    const open = openDatabase(config.database, { pgPoolSize: 2 });
    await migrateToLatest(open);
    const token = (await createOperatorToken(open.db, operatorHashKey(await loadHostKeys(config)), { name: 'bench', role: 'support' }, Date.now())).token;
    const numbers: string[] = [];
    for (const size of SIZES) {
      const started = performance.now();
      // One by one: spreading 10^6 numbers into push() overflows the call stack.
      for (const number of await fillRegistrations(open.db, open.dialect, size - numbers.length, numbers.length)) numbers.push(number);
      await sql`analyze`.execute(open.db);
      process.stderr.write(`[${engine}] filled ${size} registrations (${round((performance.now() - started) / 1000)} s)\n`);
      figures.push(await measure(engine, databaseUrl, dataDir, size, numbers, token));
      process.stderr.write(`[${engine}] ${JSON.stringify(figures.at(-1))}\n`);
    }
    await open.db.destroy();
  } finally {
    if (engine === 'postgres') {
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      await admin.query(`drop database if exists ${pgName} with (force)`);
      await admin.end();
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const engines: Array<'sqlite' | 'postgres'> = ['sqlite'];
if (await postgresReachable()) engines.push('postgres');
for (const engine of engines) {
  const figures = await runEngine(engine);
  const base = figures[0];
  const names = Object.keys(base?.search ?? {});
  console.log(`\n${engine} (load = 1-minute load average when each size was measured; /me = token check only, interleaved with every request)`);
  console.log(`size\tload\t/me p50/p99 ms\tsearch p50/p99 ms (${names.join(', ')})\tdetail p50/p99 ms\tsearch+detail p99 ÷ /me p99\tp50 ÷ p50 at ${base?.size ?? ''}\tthe same, each ÷ its /me p50\texport rows/s\t÷ csv-stringify alone\tRSS growth MiB`);
  for (const row of figures) {
    const search = names.map((name) => `${row.search[name]?.p50}/${row.search[name]?.p99}`).join(', ');
    const overMe = [...names.map((name) => row.search[name]?.p99 ?? NaN), row.detail.p99].map((p99) => `${round(p99 / row.me.p99, 2)}×`).join(', ');
    const ratios = [...names.map((name) => (row.search[name]?.p50 ?? NaN) / (base?.search[name]?.p50 ?? NaN)), row.detail.p50 / (base?.detail.p50 ?? NaN)].map((ratio) => `${round(ratio, 2)}×`).join(', ');
    // The same growth with each size's p50 first divided by that size's /me p50, so a load change between sizes cancels.
    const relative = (p50: number, baseP50: number) => p50 / row.me.p50 / (baseP50 / (base?.me.p50 ?? NaN));
    const normalised = [...names.map((name) => relative(row.search[name]?.p50 ?? NaN, base?.search[name]?.p50 ?? NaN)), relative(row.detail.p50, base?.detail.p50 ?? NaN)].map((ratio) => `${round(ratio, 2)}×`).join(', ');
    console.log(`${row.size}\t${row.load}\t${row.me.p50}/${row.me.p99}\t${search}\t${row.detail.p50}/${row.detail.p99}\t${overMe}\t${ratios}\t${normalised}\t${row.exportRowsPerSecond}\t${round(row.exportRowsPerSecond / row.csvFloorRowsPerSecond, 2)}× (${row.csvFloorRowsPerSecond})\t${row.rssGrowthMiB}`);
  }
}
