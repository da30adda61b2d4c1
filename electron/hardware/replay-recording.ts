import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** A recorded machine as a replay folder holds it (see README.md "Replay folders"). */
export interface ReplayRecording {
  dir: string;
  dmidecode: string;
  lsusb: string | null;
  lpstat: string | null;
  machineId: string | null;
  identityFile: string | null;
  edids: { connector: string; bytes: Uint8Array }[];
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads a replay folder; `dmidecode.txt` is required because a machine without firmware tables is not a recording. */
export async function readReplayRecording(dir: string): Promise<ReplayRecording> {
  const dmidecode = await readOptional(path.join(dir, 'dmidecode.txt'));
  if (dmidecode === null) throw new Error(`replay folder ${dir} has no dmidecode.txt`);
  const [lsusb, lpstat, machineId, identity] = await Promise.all([
    readOptional(path.join(dir, 'lsusb.txt')),
    readOptional(path.join(dir, 'lpstat.txt')),
    readOptional(path.join(dir, 'machine-id')),
    readOptional(path.join(dir, 'identity.json')),
  ]);
  const edids: ReplayRecording['edids'] = [];
  let names: string[] = [];
  try {
    names = (await readdir(path.join(dir, 'edid'))).filter((name) => !name.startsWith('.') && name !== 'README.md').sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const name of names) {
    const bytes = await readFile(path.join(dir, 'edid', name));
    edids.push({ connector: name.replace(/\.(bin|txt)$/, ''), bytes: new Uint8Array(bytes) });
  }
  return { dir, dmidecode, lsusb, lpstat, machineId, identityFile: identity === null ? null : path.join(dir, 'identity.json'), edids };
}
