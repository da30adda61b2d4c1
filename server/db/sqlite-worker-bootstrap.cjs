// Starts sqlite-worker.ts in a worker thread when the host runs from TypeScript sources (tsx, vitest):
// on Node 20 a worker does not get the parent's tsx loader (not even with --import tsx in execArgv),
// so it registers tsx's require hook for itself (in-thread, cheaper than an ESM hooks thread) and
// loads the entry the dialect names.
const { workerData } = require('node:worker_threads');
const { fileURLToPath } = require('node:url');

require('tsx/cjs/api').register();
require(fileURLToPath(workerData.entry));
