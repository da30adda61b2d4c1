import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Where the installer (running as root) records the root-only DMI values on Linux; override with FBR_IDENTITY_FILE. */
export const DEFAULT_IDENTITY_FILE = '/var/lib/first-boot-registration/dmi-identity.json';

/** The identity file path this process uses: configuration first, then the default. */
export function configuredIdentityFile(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.FBR_IDENTITY_FILE?.trim();
  return configured ? configured : DEFAULT_IDENTITY_FILE;
}

/** Version tag of the file format, so a later format can be told apart instead of misread. */
export const IDENTITY_FILE_FORMAT = 'fbr-dmi-identity/1';

const nullableText = z.string().max(256).nullable().default(null);

/**
 * The identity file (UTF-8 JSON, world-readable, written once by root): the raw contents of
 * /sys/class/dmi/id/{product_serial,product_uuid,board_serial,chassis_serial}, trailing newline
 * removed, null when the file is absent. Junk filtering happens on read, never on write.
 */
export const identityFileSchema = z.object({
  format: z.literal(IDENTITY_FILE_FORMAT),
  systemSerial: nullableText,
  systemUuid: nullableText,
  baseboardSerial: nullableText,
  chassisSerial: nullableText,
  writtenAt: z.string().optional(),
});
export type IdentityFile = z.infer<typeof identityFileSchema>;

/** The values of an identity file, or null when it does not exist or is not in the format (never an exception: the scan goes on). */
export async function readIdentityFile(file: string): Promise<Omit<IdentityFile, 'format' | 'writtenAt'> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = identityFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { systemSerial, systemUuid, baseboardSerial, chassisSerial } = parsed.data;
    return { systemSerial, systemUuid, baseboardSerial, chassisSerial };
  } catch {
    return null;
  }
}

/** The JSON text the installer hook writes, built from raw sysfs values, so writer and reader share one format. */
export function formatIdentityFile(values: Omit<IdentityFile, 'format' | 'writtenAt'>, writtenAt = new Date()): string {
  const file: IdentityFile = { format: IDENTITY_FILE_FORMAT, ...values, writtenAt: writtenAt.toISOString() };
  return `${JSON.stringify(file, null, 2)}\n`;
}
