/**
 * The program a replay child runs (plain CommonJS, passed to `node -e`, so it works from tsx, a
 * bundle or a packaged app alike). Before systeminformation loads it pins the platform to Linux;
 * afterwards it hides the few things systeminformation reads in-process instead of through a
 * command (`/.dockerenv`, `/proc/cpuinfo`, `os.release()` for WSL, `process.arch` for ARM boards),
 * so only the recording answers. It prints one JSON object on stdout.
 */
export const REPLAY_WORKER_SOURCE = String.raw`
'use strict';
Object.defineProperty(process, 'platform', { value: 'linux' });
Object.defineProperty(process, 'arch', { value: 'x64' });
const fs = require('fs');
const os = require('os');
const si = require(process.env.FBR_SI_PATH);
const machineId = process.env.FBR_MACHINE_ID_PATH ? require(process.env.FBR_MACHINE_ID_PATH) : null;
const hidden = (p) => {
  const s = String(p);
  return s === '/.dockerenv' || s === '/.dockerinit' || /^\/(proc|sys|etc|dev|var|run)\//.test(s);
};
const gone = (p) => Object.assign(new Error('ENOENT: not in the recording, ' + String(p)), { code: 'ENOENT' });
const { existsSync, readFileSync, readFile } = fs;
fs.existsSync = (p) => (hidden(p) ? false : existsSync(p));
fs.readFileSync = function (p, ...rest) { if (hidden(p)) throw gone(p); return readFileSync.call(fs, p, ...rest); };
fs.readFile = function (p, ...rest) {
  if (hidden(p)) { const cb = rest[rest.length - 1]; process.nextTick(cb, gone(p)); return; }
  return readFile.call(fs, p, ...rest);
};
os.release = () => '6.1.0-replay';
Promise.all([si.system(), si.baseboard(), si.chassis(), si.usb()]).then(([system, baseboard, chassis, usb]) => {
  let installationId = null;
  if (machineId && process.env.FBR_HAS_MACHINE_ID === '1') {
    try { installationId = machineId.machineIdSync(); } catch { installationId = null; }
  }
  process.stdout.write(JSON.stringify({ system, baseboard, chassis, usb, installationId }));
}, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(2); });
`;
