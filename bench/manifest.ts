/**
 * `npm run bench:manifest`: the maker's manifest at scale. Not a test: it prints figures and ratios.
 *
 * On SQLite and (when reachable) PostgreSQL: imports BENCH_MANIFEST_ROWS (default 10^6) generated
 * rows through the real import service (streamed, never a file in memory) and reports rows/s and
 * peak RSS growth over the RSS before the import; then measures registrations/s of manifest
 * devices on a host with MANIFEST_POLICY=enforce over that manifest, as a ratio to a host on an
 * empty store with the policy off, in the same run: every device is registered on both hosts one
 * right after the other, and the median of the rounds' ratios is reported. Both
 * hosts use a cheap argon2 cost so the store's and the policy's cost are not hidden by hashing.
 *
 * BENCH_REGISTRATIONS (default 300 per round), BENCH_ROUNDS (default 5), BENCH_POSTGRES_URL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../server/db/open-database';
import { importManifest } from '../server/manifest/import-manifest';
import { startHost, type RunningHost } from '../server/start-host';

const ROWS = Number(process.env.BENCH_MANIFEST_ROWS ?? 1_000_000);
const PER_ROUND = Number(process.env.BENCH_REGISTRATIONS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CHEAP_HASH = { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' };
const MiB = 1024 * 1024;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const serialOf = (i: number) => `BM${i.toString(36).toUpperCase().padStart(8, '0')}X`;
const uuidOf = (i: number) => `7a1c0000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`;

/** The manifest as a stream of 1,000-row chunks: PCs of one maker, each with serial and UUID. */
function manifestStream(rows: number): Readable {
  return Readable.from(
    (function* () {
      yield 'kind,vendor,model,serial,hardwareUuid,shippedAt\n';
      for (let start = 0; start < rows; start += 1000) {
        let chunk = '';
        for (let i = start; i < Math.min(rows, start + 1000); i += 1) chunk += `pc,Benchmark Computers Inc.,Bench Book 14,${serialOf(i)},${uuidOf(i)},2026-11-01\n`;
        yield chunk;
      }
    })(),
  );
}

interface Store {
  kind: 'sqlite' | 'postgres';
  url: string;
  dataDir: string;
  dispose(): Promise<void>;
}

async function sqliteStore(): Promise<Store> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-manifest-'));
  return { kind: 'sqlite', url: `sqlite:${path.join(dataDir, 'bench.sqlite')}`, dataDir, dispose: () => fs.rm(dataDir, { recursive: true, force: true }) };
}

async function postgresStore(): Promise<Store | null> {
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `bench_manifest_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-manifest-'));
  return {
    kind: 'postgres',
    url: url.toString(),
    dataDir,
    async dispose() {
      const client = new pg.Client({ connectionString: PG_ADMIN });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The floor: csv-parse alone over the same generated stream, rows/s (the import's baseline in this run). */
async function parseOnlyRowsPerSecond(): Promise<number> {
  const started = performance.now();
  let rows = 0;
  for await (const _record of manifestStream(ROWS).pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }))) rows += 1;
  return (rows - 1) / ((performance.now() - started) / 1000);
}

/** Imports the generated manifest; rows/s and the peak RSS growth sampled every 50 ms. */
async function benchImport(store: Store): Promise<{ rowsPerSecond: number; rssGrowthMiB: number; added: number }> {
  const target = store.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: store.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: store.url };
  const open = openDatabase(target, { pgPoolSize: 2 });
  await migrateToLatest(open);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const result = await importManifest(open, manifestStream(ROWS), { actor: 'bench', now: () => Date.now() });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // What the engine does once after a bulk import anyway (autovacuum of the emptied staging table
  // and fresh statistics on PostgreSQL, a WAL checkpoint on SQLite), done now so it does not land
  // inside the registration rounds of one host only.
  if (store.kind === 'postgres') await sql`vacuum analyze manifest_devices, manifest_staging`.execute(open.db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(open.db);
  await open.db.destroy();
  return { rowsPerSecond: result.rows / seconds, rssGrowthMiB: (peak - rssBefore) / MiB, added: result.added };
}

const CONCURRENCY = 8;

/** Registers manifest PC `n` on `host`; ms taken (anything but 201 stops the bench). */
async function registerOne(host: RunningHost, n: number): Promise<number> {
  const body = {
    requestId: crypto.randomUUID(),
    device: { kind: 'pc', vendor: 'BENCHMARK COMPUTERS', model: 'Bench Book 14', serial: serialOf(n), hardwareUuid: uuidOf(n), source: 'firmware' },
    customer: { name: 'Bench', email: 'bench@example.jp', phone: '03-1234-5678', postalCode: '100-0001', address: 'Tokyo', country: 'JP' },
    password: 'correct horse battery',
    consent: { privacyPolicyVersion: '2026-01' },
  };
  const started = performance.now();
  const response = await fetch(`${host.url}/api/v1/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`registration ${n} answered ${response.status}: ${await response.text()}`);
  return performance.now() - started;
}

/**
 * One round of `count` pairs, 8 workers: each pair registers device n on both hosts, one right after
 * the other (which goes first alternates), so a load swing on the shared machine hits both alike.
 * Returns each host's registrations/s at that concurrency (count ÷ its summed time ÷ 8).
 */
async function pairedRound(enforce: RunningHost, baseline: RunningHost, offset: number, count: number): Promise<{ enforce: number; baseline: number }> {
  let next = 0;
  let enforceMs = 0;
  let baselineMs = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const n = offset + i;
      if (i % 2 === 0) {
        enforceMs += await registerOne(enforce, n);
        baselineMs += await registerOne(baseline, n);
      } else {
        baselineMs += await registerOne(baseline, n);
        enforceMs += await registerOne(enforce, n);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { enforce: count / (enforceMs / 1000 / CONCURRENCY), baseline: count / (baselineMs / 1000 / CONCURRENCY) };
}

async function benchEngine(makeStore: () => Promise<Store | null>): Promise<void> {
  const manifestStore = await makeStore();
  const plainStore = await makeStore();
  if (manifestStore === null || plainStore === null) {
    console.log('PostgreSQL unreachable: skipped');
    return;
  }
  try {
    // The import first, so the RSS it starts from holds no garbage of the parse-only pass.
    const imported = await benchImport(manifestStore);
    const floor = await parseOnlyRowsPerSecond();
    console.log(`${manifestStore.kind} (1-minute load average ${os.loadavg()[0]?.toFixed(1) ?? '?'} on ${os.cpus().length} cores): import of ${ROWS} rows: ${Math.round(imported.rowsPerSecond)} rows/s (target ≥ 20000), ${round(imported.rowsPerSecond / floor, 2)} × csv-parse alone (${Math.round(floor)} rows/s in this run), peak RSS growth ${round(imported.rssGrowthMiB)} MiB (target ≤ 128), ${imported.added} added`);
    const enforce = await startHost({ port: 0, operatorPort: 0, host: '127.0.0.1', databaseUrl: manifestStore.url, dataDir: manifestStore.dataDir, env: { ...CHEAP_HASH, MANIFEST_POLICY: 'enforce' } });
    const baseline = await startHost({ port: 0, operatorPort: 0, host: '127.0.0.1', databaseUrl: plainStore.url, dataDir: plainStore.dataDir, env: { ...CHEAP_HASH, MANIFEST_POLICY: 'off' } });
    try {
      await pairedRound(enforce, baseline, ROWS - 100, 50); // warm-up on both
      const rounds: Array<{ enforce: number; baseline: number }> = [];
      for (let r = 0; r < ROUNDS; r += 1) rounds.push(await pairedRound(enforce, baseline, r * PER_ROUND, PER_ROUND));
      const ratio = median(rounds.map((one) => one.enforce / one.baseline));
      console.log(
        `${manifestStore.kind}: registrations/s with MANIFEST_POLICY=enforce over ${ROWS} rows ÷ without a manifest, paired request by request: median ratio ${round(ratio, 3)} (cost ${round((1 - ratio) * 100, 1)} %, target ≤ 5 %); per round enforce/without ${rounds.map((one) => `${round(one.enforce)}/${round(one.baseline)}`).join(' ')}`,
      );
    } finally {
      await enforce.close();
      await baseline.close();
    }
  } finally {
    await manifestStore.dispose();
    await plainStore.dispose();
  }
}

await benchEngine(sqliteStore);
await benchEngine(postgresStore);
