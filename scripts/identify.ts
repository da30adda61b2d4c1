/**
 * `npm run identify [-- --replay DIR]`: prints this machine's (or a recorded machine's) devices as
 * JSON `{ "devices": [...] }`, each an API.md DeviceIdentity plus display fields. Only the JSON goes
 * to stdout; warnings and errors go to stderr, errors with a non-zero exit.
 */
import { identityOf, readDevices, type FoundDevice } from '../electron/hardware';

function parseArgs(argv: readonly string[]): { replayDir?: string } {
  const result: { replayDir?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--replay') {
      const dir = argv[i + 1];
      if (dir === undefined) throw new Error('--replay needs a folder');
      result.replayDir = dir;
      i += 1;
    } else if (arg?.startsWith('--replay=')) {
      result.replayDir = arg.slice('--replay='.length);
    } else {
      throw new Error(`unknown argument ${String(arg)}`);
    }
  }
  return result;
}

/** DeviceIdentity fields (what would be sent) plus what the wizard shows beside them. */
function entry({ scanned, identity }: FoundDevice): Record<string, unknown> {
  const { id, displayName, identifiable, reason } = scanned;
  const base = identity ?? identityOf(scanned);
  return { ...base, id, displayName, identifiable, ...(reason === undefined ? {} : { reason }) };
}

async function main(): Promise<void> {
  const { devices, warnings } = await readDevices(parseArgs(process.argv.slice(2)));
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${JSON.stringify({ devices: devices.map(entry) }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`identify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
