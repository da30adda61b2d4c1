/** One SMBIOS structure as dmidecode printed it: its type, its original text and its top-level fields. */
export interface DmiRecord {
  type: number;
  handle: string;
  text: string;
  fields: Map<string, string>;
}

const HANDLE_LINE = /^Handle (0x[0-9A-Fa-f]+)/;
const TYPE_TEXT = /DMI type (\d+)/;

/**
 * Splits whole `dmidecode` output into records, reading both the current layout
 * (`Handle 0x0001, DMI type 1, 27 bytes`) and dmidecode 2.x's (`Handle 0x0100` then `DMI type 1, 25 bytes.`),
 * because recorded machines span twenty years of dmidecode releases.
 */
export function splitDmiRecords(output: string): DmiRecord[] {
  const lines = output.replace(/\r\n?/g, '\n').split('\n');
  const records: DmiRecord[] = [];
  let current: { handle: string; lines: string[] } | null = null;
  const flush = (): void => {
    if (current === null) return;
    const typeLine = current.lines.slice(0, 3).find((line) => TYPE_TEXT.test(line));
    const match = typeLine === undefined ? null : TYPE_TEXT.exec(typeLine);
    if (match?.[1] !== undefined) {
      while (current.lines.length > 1 && /^(EOF)?\s*$/.test(current.lines[current.lines.length - 1] ?? '')) current.lines.pop();
      const text = `${current.lines.join('\n')}\n\n`;
      records.push({ type: Number(match[1]), handle: current.handle, text, fields: readFields(current.lines) });
    }
    current = null;
  };
  for (const line of lines) {
    const handle = HANDLE_LINE.exec(line);
    if (handle?.[1] !== undefined) {
      flush();
      current = { handle: handle[1], lines: [line] };
    } else if (current !== null) {
      current.lines.push(line);
    }
  }
  flush();
  return records;
}

/** Top-level `Key: value` fields of a record (first occurrence wins, value exactly as printed, line end removed). */
function readFields(lines: readonly string[]): Map<string, string> {
  const fields = new Map<string, string>();
  let depth: string | null = null;
  for (const line of lines.slice(1)) {
    // Tabs in dmidecode's own output; some Windows ports indent with spaces instead.
    const match = /^([\t ]+)([^\t :][^:]*):(?: (.*))?$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const indent = match[1];
    depth ??= indent;
    if (indent !== depth) continue;
    const name = match[2].trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, match[3] ?? '');
  }
  return fields;
}

/** First field present among several names (old dmidecode said `Vendor`/`Product` where new says `Manufacturer`/`Product Name`). */
export function dmiField(record: DmiRecord | undefined, ...names: string[]): string | undefined {
  if (record === undefined) return undefined;
  for (const name of names) {
    const value = record.fields.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** dmidecode's `-t` keywords and the types each one prints (dmidecode(8), "DMI TYPES"). */
export const DMI_TYPE_KEYWORDS: Readonly<Record<string, readonly number[]>> = {
  bios: [0, 13],
  system: [1, 12, 15, 23, 32],
  baseboard: [2, 10, 41],
  chassis: [3],
  processor: [4],
  memory: [5, 6, 16, 17],
  cache: [7],
  connector: [8],
  slot: [9],
};
