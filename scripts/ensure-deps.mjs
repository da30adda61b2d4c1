// Installs what npm can on first use, so `npm start` and `npm test` work right after cloning.
// `--electron` (npm start) also tries once to fetch Electron's binary, which the install skips.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  console.log('[setup] installing npm dependencies (npm ci; the Electron binary download is skipped, native modules build from source: about 2 minutes)…');
  execSync('npm ci --no-audit --no-fund', {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}

if (process.argv.includes('--electron') && !existsSync('node_modules/electron/path.txt')) {
  console.log("[setup] fetching Electron's binary (once)…");
  const result = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 300_000 });
  if (result.status !== 0) console.log("[setup] Electron's binary could not be downloaded here; `npm start` will say what to do.");
}
