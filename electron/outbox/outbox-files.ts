import { z } from 'zod';
import { outboxEntrySchema, type OutboxEntry } from '../../protocol';

/** Layout of the app data folder: one directory per entry, a sibling folder for set-aside ones. */
export const OUTBOX_DIR = 'outbox';
export const QUARANTINE_DIR = 'outbox-quarantine';
export const META_FILE = 'meta.json';
export const SEALED_FILE = 'sealed.json';
export const INCOMING_PREFIX = '.incoming-';

/** An entry id is also a directory name, so it is held to a safe alphabet. */
export const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,80}$/;

/** The clear metadata file: what the app may show about a waiting registration, nothing personal. */
export const metaFileSchema = outboxEntrySchema.extend({ format: z.literal(1) });
export type MetaFile = z.infer<typeof metaFileSchema>;

/** The sealed file: the registration body as only the host can open it. */
export const sealedFileSchema = z.object({
  format: z.literal(1),
  algorithm: z.literal('crypto_box_seal'),
  publicKey: z.string().min(1),
  sealed: z.string().min(1),
});
export type SealedFile = z.infer<typeof sealedFileSchema>;

/** Strips the file-format marker so callers see the IPC shape. */
export function toEntry(meta: MetaFile): OutboxEntry {
  const { format: _format, ...entry } = meta;
  return entry;
}

/** Adds the file-format marker for writing. */
export function toMetaFile(entry: OutboxEntry): MetaFile {
  return { format: 1, ...entry };
}
