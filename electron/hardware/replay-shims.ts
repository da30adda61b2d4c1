import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DMI_TYPE_KEYWORDS, dmiField, splitDmiRecords, type DmiRecord } from './dmi-records';
import type { ReplayRecording } from './replay-recording';

/** A temporary folder of stand-in commands answering from one recording; PATH for the replay child is this folder only. */
export interface ShimDir {
  dir: string;
  dispose(): Promise<void>;
}

function realBinary(name: string): string {
  for (const dir of ['/bin', '/usr/bin']) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`replay needs ${name} in /bin or /usr/bin`);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What the kernel shows under /sys/class/dmi/id for these records: the same strings, one file each. */
function sysfsDmiValues(records: readonly DmiRecord[]): Record<string, string> {
  const first = (type: number): DmiRecord | undefined => records.find((record) => record.type === type);
  const bios = first(0);
  const system = first(1);
  const board = first(2);
  const chassis = first(3);
  const values: Record<string, string | undefined> = {
    bios_vendor: dmiField(bios, 'vendor'),
    bios_version: dmiField(bios, 'version'),
    bios_date: dmiField(bios, 'release date', 'release'),
    sys_vendor: dmiField(system, 'manufacturer', 'vendor'),
    product_name: dmiField(system, 'product name', 'product'),
    product_version: dmiField(system, 'version'),
    product_serial: dmiField(system, 'serial number'),
    product_uuid: dmiField(system, 'uuid')?.toLowerCase(),
    board_vendor: dmiField(board, 'manufacturer', 'vendor'),
    board_name: dmiField(board, 'product name', 'product'),
    board_version: dmiField(board, 'version'),
    board_serial: dmiField(board, 'serial number'),
    board_asset_tag: dmiField(board, 'asset tag'),
    chassis_vendor: dmiField(chassis, 'manufacturer', 'vendor'),
    chassis_version: dmiField(chassis, 'version'),
    chassis_serial: dmiField(chassis, 'serial number'),
    chassis_asset_tag: dmiField(chassis, 'asset tag'),
  };
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) result[name] = value;
  return result;
}

/**
 * Writes the recording's answers and the stand-in commands (dmidecode, lsusb, cat, lpstat, …).
 * Any command not listed here is simply absent, so nothing of the real machine can answer.
 */
export async function createShimDir(recording: ReplayRecording): Promise<ShimDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fbr-replay-'));
  const bin = path.join(dir, 'bin');
  const data = path.join(dir, 'data');
  await Promise.all([mkdir(bin), mkdir(path.join(data, 'dmi'), { recursive: true }), mkdir(path.join(data, 'sysdmi'), { recursive: true })]);
  const cat = realBinary('cat');
  const head = realBinary('head');
  const writes: Promise<void>[] = [];

  const records = splitDmiRecords(recording.dmidecode);
  const byType = new Map<number, string[]>();
  for (const record of records) byType.set(record.type, [...(byType.get(record.type) ?? []), record.text]);
  const header = '# dmidecode (replay)\n\n';
  for (const [type, texts] of byType) writes.push(writeFile(path.join(data, 'dmi', `t-${type}.txt`), header + texts.join('')));
  for (const [keyword, types] of Object.entries(DMI_TYPE_KEYWORDS)) {
    const texts = types.flatMap((type) => byType.get(type) ?? []);
    writes.push(writeFile(path.join(data, 'dmi', `t-${keyword}.txt`), header + texts.join('')));
  }
  writes.push(writeFile(path.join(data, 'dmi', 'all.txt'), header + records.map((record) => record.text).join('')));
  for (const [name, value] of Object.entries(sysfsDmiValues(records))) writes.push(writeFile(path.join(data, 'sysdmi', name), `${value}\n`));
  if (recording.machineId !== null) writes.push(writeFile(path.join(data, 'machine-id'), recording.machineId));
  const lsusb = recording.lsusb ?? '';
  writes.push(writeFile(path.join(data, 'lsusb-v.txt'), lsusb));
  writes.push(writeFile(path.join(data, 'lsusb.txt'), lsusb.split('\n').filter((line) => /^Bus \d+ Device \d+/.test(line)).join('\n') + '\n'));
  writes.push(writeFile(path.join(data, 'lpstat-v.txt'), recording.lpstat ?? ''));

  const D = shellQuote(data);
  const scripts: Record<string, string> = {
    dmidecode: `D=${D}
want=""
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--type) shift; want="$want,$1" ;;
    -t*) want="$want,\${1#-t}" ;;
    --type=*) want="$want,\${1#--type=}" ;;
    -s|--string) exit 0 ;;
  esac
  shift
done
if [ -z "$want" ]; then exec ${cat} "$D/dmi/all.txt"; fi
IFS=,
for t in $want; do
  case "$t" in ''|*[!a-z0-9]*) continue ;; esac
  [ -f "$D/dmi/t-$t.txt" ] && ${cat} "$D/dmi/t-$t.txt"
done
exit 0`,
    cat: `D=${D}
status=0
for f in "$@"; do
  case "$f" in
    /sys/devices/virtual/dmi/id/*|/sys/class/dmi/id/*)
      n="\${f##*/}"
      case "$n" in *[!a-z_]*) status=1; continue ;; esac
      if [ -f "$D/sysdmi/$n" ]; then ${cat} "$D/sysdmi/$n"; else status=1; fi ;;
    /etc/machine-id|/var/lib/dbus/machine-id)
      if [ -f "$D/machine-id" ]; then ${cat} "$D/machine-id"; else status=1; fi ;;
    *) status=1 ;;
  esac
done
exit $status`,
    lsusb: `D=${D}
for a in "$@"; do case "$a" in -v|--verbose) exec ${cat} "$D/lsusb-v.txt" ;; esac; done
exec ${cat} "$D/lsusb.txt"`,
    lpstat: `D=${D}
for a in "$@"; do case "$a" in -v) exec ${cat} "$D/lpstat-v.txt" ;; esac; done
exit 0`,
    head: `exec ${head} "$@"`,
  };
  for (const silent of ['ls', 'dmesg', 'hostname', 'lpinfo', 'udevadm', 'grep', 'pciconf', 'sysctl', 'ioreg', 'system_profiler']) {
    scripts[silent] = 'exit 1';
  }
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(bin, name);
    writes.push(writeFile(file, `#!/bin/sh\n${body}\n`).then(() => chmod(file, 0o755)));
  }
  await Promise.all(writes);
  return { dir: bin, dispose: () => rm(dir, { recursive: true, force: true }) };
}
