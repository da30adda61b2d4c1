/**
 * `npm run bench:identify`: the replayed full-scan time (real systeminformation in its replay
 * child, every source) of a desk with a dozen USB devices, two external monitors and a laptop
 * panel; prints the median of several runs. Target: at most 1 s.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeviceScanner } from '../electron/hardware';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TARGET_MS = 1000;
const here = path.dirname(fileURLToPath(import.meta.url));
const replayDir = path.resolve(here, '../tests/fixtures/replay/busy-desk');

async function main(): Promise<void> {
  const scanner = createDeviceScanner({ replayDir });
  const warm = await scanner.scan();
  const usb = warm.devices.filter((device) => device.source === 'usb').length;
  const monitors = warm.devices.filter((device) => device.kind === 'monitor').length;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = process.hrtime.bigint();
    await scanner.scan();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  process.stdout.write(
    `identify (replay busy-desk: ${usb} USB devices, ${monitors} monitors incl. 1 internal panel): median ${median.toFixed(0)} ms over ${RUNS} runs ` +
      `(min ${(times[0] ?? Number.NaN).toFixed(0)}, max ${(times[times.length - 1] ?? Number.NaN).toFixed(0)}); target <= ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'NOT met'}\n`,
  );
  if (median > TARGET_MS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:identify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
