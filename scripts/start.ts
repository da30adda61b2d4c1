/**
 * `npm start`: the product on this machine. Builds the app, starts the registration host on its
 * embedded default (unless REGISTRATION_HOST_URL is set) and runs Electron against it.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadDesktopConfig } from '../electron/config/desktop-config';
import { startHost } from '../server/start-host';
import { buildRenderer } from './build-renderer';
import { electronBinary } from './electron-binary';

const ROOT = resolve(import.meta.dirname, '..');
const electron = electronBinary();
if (electron === null) {
  console.error(
    'npm start: the Electron binary is not installed (it was skipped or could not be downloaded); fix: run `node node_modules/electron/install.js` with network access, or use `npm run preview` to open the wizard in Chromium.',
  );
  process.exit(1);
}

const config = loadDesktopConfig(process.env, { isPackaged: false });
await buildRenderer();
await import('./build-electron');
const host = config.hostUrl === undefined ? await startHost({}) : null;
const hostUrl = config.hostUrl ?? host?.url ?? '';

const child = spawn(electron, [ROOT], { stdio: 'inherit', env: { ...process.env, REGISTRATION_HOST_URL: hostUrl } });
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', stop).on('SIGTERM', stop);
child.on('exit', (code) => {
  void (host?.close() ?? Promise.resolve()).finally(() => process.exit(code ?? 1));
});
