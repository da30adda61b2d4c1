import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../outbox/atomic-file';
import { initialRecord, launchRecordSchema, type LaunchRecord } from './launch-state';

/** Why a state file could not be read; the caller logs it and starts from a fresh record. */
export type StateReadIssue = 'missing' | 'unreadable' | 'invalid';

/**
 * The machine-wide state file (like gnome-initial-setup's done-stamp, but with the reminder
 * count). Written atomically and world-readable/writable so every user's session agrees.
 */
export class LaunchStateStore {
  constructor(readonly file: string) {}

  /** The stored record, or a fresh one with the reason it was not read. */
  async read(now: Date): Promise<{ record: LaunchRecord; issue?: StateReadIssue }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return { record: initialRecord(now), issue: missing ? 'missing' : 'unreadable' };
    }
    try {
      const parsed = launchRecordSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { record: parsed.data };
    } catch {
      // fall through
    }
    return { record: initialRecord(now), issue: 'invalid' };
  }

  /** Replaces the record atomically. */
  async write(record: LaunchRecord): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(record, null, 2)}\n`, 0o644);
  }
}
