import { execFile } from 'node:child_process';
import { readIdentityFile } from './identity-file';
import { resolveDependency } from './module-paths';
import type { RawFirmware, RawMachine, RawUsbDevice } from './raw-machine';
import { readReplayRecording } from './replay-recording';
import { createShimDir } from './replay-shims';
import { REPLAY_WORKER_SOURCE } from './replay-worker-source';

interface WorkerOutput {
  system: RawFirmware['system'];
  baseboard: RawFirmware['baseboard'];
  chassis: RawFirmware['chassis'];
  usb: RawUsbDevice[];
  installationId: string | null;
}

function runWorker(shimBin: string, hasMachineId: boolean): Promise<WorkerOutput> {
  const env: NodeJS.ProcessEnv = {
    PATH: shimBin,
    LANG: 'C',
    HOME: shimBin,
    FBR_SI_PATH: resolveDependency('systeminformation'),
    FBR_MACHINE_ID_PATH: resolveDependency('node-machine-id'),
    FBR_HAS_MACHINE_ID: hasMachineId ? '1' : '0',
    ELECTRON_RUN_AS_NODE: '1',
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', REPLAY_WORKER_SOURCE], { env, maxBuffer: 64 * 1024 * 1024, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`replay worker failed: ${error.message} ${stderr}`.trim()));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as WorkerOutput);
      } catch (parseError) {
        reject(new Error(`replay worker printed no JSON: ${String(parseError)}`));
      }
    });
  });
}

/**
 * Reads a recorded machine through the real systeminformation, in a child process whose PATH holds
 * only stand-in commands answering from the recording. Each replay has its own child and its own
 * environment, so concurrent replays in one process never mix and this process's PATH is untouched.
 */
export async function readReplayMachine(replayDir: string, identityFile?: string): Promise<RawMachine> {
  const recording = await readReplayRecording(replayDir);
  const shims = await createShimDir(recording);
  try {
    const identityPath = identityFile ?? recording.identityFile;
    const [output, identity] = await Promise.all([
      runWorker(shims.dir, recording.machineId !== null),
      identityPath === null ? Promise.resolve(null) : readIdentityFile(identityPath),
    ]);
    return {
      firmware: { system: output.system, baseboard: output.baseboard, chassis: output.chassis },
      identityFile: identity,
      dmiPermissionDenied: false,
      usb: output.usb,
      lsusbVerbose: recording.lsusb,
      edids: recording.edids,
      cups: recording.lpstat,
      installationId: output.installationId,
      warnings: [],
    };
  } finally {
    await shims.dispose();
  }
}
