import { directAccess, type StateFileAccess } from './state-file-access';
import { initialRecord, launchRecordSchema, type LaunchRecord } from './launch-state';

/** Why a state file could not be read; the caller logs it and starts from a fresh record. */
export type StateReadIssue = 'missing' | 'unreadable' | 'invalid';

/**
 * The machine-wide state file (like gnome-initial-setup's done-stamp, but with the reminder
 * count), written atomically so every user's session agrees. On an installed Linux machine it is
 * reached through the setgid helper (`helperAccess`), elsewhere directly.
 */
export class LaunchStateStore {
  constructor(
    readonly file: string,
    private readonly access: StateFileAccess = directAccess(file),
  ) {}

  /** The stored record, or a fresh one with the reason it was not read. */
  async read(now: Date): Promise<{ record: LaunchRecord; issue?: StateReadIssue }> {
    let text: string | null;
    try {
      text = await this.access.read();
    } catch {
      return { record: initialRecord(now), issue: 'unreadable' };
    }
    if (text === null) return { record: initialRecord(now), issue: 'missing' };
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
    await this.access.write(`${JSON.stringify(record, null, 2)}\n`);
  }
}
