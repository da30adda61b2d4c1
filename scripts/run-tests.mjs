// `npm test`: every check and every suite, one summary. Runs what this machine can and says exactly
// what it skipped and how to get it; with CI=true nothing may be skipped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PG_HOST = process.env.PGHOST_TEST ?? '127.0.0.1';
const PG_PORT = Number(process.env.PGPORT_TEST ?? 5432);

/** @type {{ name: string, passed: number, failed: number, skipped: number, ok: boolean, seconds: number, check?: boolean }[]} */
const results = [];
/** @type {string[]} */
const skippedWhat = [];

function run(name, command, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Like run, but holds the output and prints it whole at the end, so checks running side by side keep readable logs. */
function runHeld(name, command, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    /** @type {Buffer[]} */
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      console.log(`\n=== ${name}: ${command} ${args.join(' ')} (${seconds.toFixed(1)} s)`);
      process.stdout.write(Buffer.concat(output));
      resolve({ code: code ?? 1, seconds });
    });
  });
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

/**
 * Runs the static checks `lanes` at a time, longest first (they are single-threaded, so two
 * share this 2-core machine without slowing each other much), and records each as one result.
 */
async function checks(list, lanes) {
  const queue = [...list];
  const done = new Map();
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { code, seconds } = await runHeld(next.name, next.command, next.args, next.env);
      done.set(next.name, { name: next.name, passed: 0, failed: 0, skipped: 0, ok: code === 0, seconds, check: true });
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: lanes }, lane));
  for (const item of list) results.push(done.get(item.name));
  const sum = [...done.values()].reduce((total, r) => total + r.seconds, 0);
  console.log(`\n=== static checks: ${((Date.now() - started) / 1000).toFixed(1)} s for ${sum.toFixed(1)} s of checks, ${lanes} at a time`);
}

function vitestCounts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
}

function playwrightCounts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const s = report.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

async function suite(name, command, args, env, reportFile, count) {
  const { code, seconds } = await run(name, command, args, env);
  let counts = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  if (existsSync(reportFile)) {
    try { counts = count(reportFile); } catch { /* keep the exit-code verdict */ }
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts, ok: code === 0, seconds });
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const hasScript = (s) => Boolean(pkg.scripts?.[s]);
mkdirSync('test-results', { recursive: true });

const haveChromium = existsSync(CHROMIUM);
const havePostgres = await reachable(PG_HOST, PG_PORT);
if (!havePostgres) {
  const how = 'install and start PostgreSQL (Debian: apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; trust auth for user postgres on 127.0.0.1:5432)';
  if (CI) { console.error(`PostgreSQL is not reachable on ${PG_HOST}:${PG_PORT}; CI skips nothing. ${how}`); process.exit(1); }
  skippedWhat.push(`every host test on PostgreSQL (SQLite variants ran): ${how}`);
}
if (!haveChromium) {
  const how = 'apt-get install -y chromium (or set CHROMIUM_PATH); never `npx playwright install`';
  if (CI) { console.error(`Chromium is missing at ${CHROMIUM}; CI skips nothing. ${how}`); process.exit(1); }
  skippedWhat.push(`the end-to-end wizard tests in Chromium (every flow, axe, screenshots): ${how}`);
}

// Debian tools some suites need (tests/support/system-tools.ts skips those suites without them, except under CI).
const SYSTEM_TOOLS = [
  { bin: 'nginx', pkg: 'nginx', what: 'the fleet fault tests (three hosts behind nginx)' },
  { bin: 'swtpm', pkg: 'swtpm swtpm-tools', what: 'the TPM attestation tests (software TPM)' },
  { bin: 'tpm2_createek', pkg: 'tpm2-tools', what: 'the TPM attestation tests (tpm2-tools)' },
  { bin: 'desktop-file-validate', pkg: 'desktop-file-utils', what: 'validation of the autostart entry' },
  { bin: 'cc', pkg: 'gcc', what: 'the Linux state helper (fbr-state-helper) tests' },
  { bin: '/usr/lib/postgresql/15/bin/pg_ctl', pkg: 'postgresql-15', what: 'the PostgreSQL restart fault test (a private cluster of its own)' },
];
function onPath(bin) {
  if (bin.startsWith('/')) return existsSync(bin);
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${bin}`));
}
for (const tool of SYSTEM_TOOLS) {
  if (onPath(tool.bin)) continue;
  const how = `apt-get install -y ${tool.pkg}`;
  if (CI) { console.error(`${tool.bin} is missing; CI skips nothing. ${how}`); process.exit(1); }
  skippedWhat.push(`${tool.what}: ${how}`);
}

// Static checks: types per layer, lint zones, Electron security review, packaging config; two at a time, longest first.
/** @type {{ name: string, command: string, args: string[], env?: Record<string, string> }[]} */
const staticChecks = [{ name: 'lint', command: 'npx', args: ['eslint', '.', '--max-warnings=0'] }];
// build:linux-dir builds the app first (renderer, main, preload), then packages it with a stand-in Electron.
if (hasScript('build:linux-dir')) staticChecks.push({ name: 'build + electron-builder --linux dir', command: 'npm', args: ['run', '--silent', 'build:linux-dir'] });
else if (hasScript('build')) staticChecks.push({ name: 'build', command: 'npm', args: ['run', '--silent', 'build'] });
for (const project of ['server', 'tests', 'renderer', '.', 'protocol', 'electron/main', 'electron', 'electron/preload']) {
  if (existsSync(`${project}/tsconfig.json`)) staticChecks.push({ name: `typecheck ${project}`, command: 'npx', args: ['tsc', '-p', project] });
}
if (hasScript('electronegativity')) staticChecks.push({ name: 'electronegativity', command: 'npm', args: ['run', '--silent', 'electronegativity'] });
await checks(staticChecks, 2);
const built = results.some((r) => r.name.startsWith('build') && r.ok);

const dbEnv = havePostgres ? { REQUIRE_POSTGRES: '1' } : {};
await suite('vitest (unit + integration)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'], dbEnv, 'test-results/vitest.json', vitestCounts);

// The build step above already built dist/renderer and dist/console from these sources: the e2e global setup need not again.
if (haveChromium && existsSync('playwright.config.ts')) {
  await suite('playwright (e2e in Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json', CHROMIUM_PATH: CHROMIUM, ...(built ? { RENDERER_BUILT: '1' } : {}) }, 'test-results/playwright.json', playwrightCounts);
}

console.log('\n=== summary');
for (const r of results) {
  if (r.check) { console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`); continue; }
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${r.seconds.toFixed(1)} s)`);
}
if (skippedWhat.length > 0) {
  console.log('\nSkipped on this machine:');
  for (const s of skippedWhat) console.log(`- ${s}`);
}
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const failed = results.some((r) => !r.ok);
const failedChecks = results.filter((r) => r.check && !r.ok).length;
if (failedChecks > 0) total.failed += failedChecks;
if (CI && total.skipped > 0) {
  console.error(`CI skips nothing, but ${total.skipped} test(s) were skipped.`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(failed || (CI && total.skipped > 0) ? 1 : 0);
