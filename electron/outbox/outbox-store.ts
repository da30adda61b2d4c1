import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboxEntry } from '../../protocol';
import { fsyncDirectory, writeFileAtomic } from './atomic-file';
import {
  ENTRY_ID,
  INCOMING_PREFIX,
  META_FILE,
  metaFileSchema,
  OUTBOX_DIR,
  QUARANTINE_DIR,
  SEALED_FILE,
  sealedFileSchema,
  toEntry,
  toMetaFile,
  type SealedFile,
} from './outbox-files';
import { describeError, type OutboxLog } from './outbox-log';

/** An incomplete write older than this was abandoned by a crashed process (never acknowledged). */
const INCOMING_STALE_MS = 10 * 60 * 1000;

/** Beside a quarantined entry: why it was set aside, and (once the customer dismissed its notice) when. */
const REASON_SUFFIX = '.reason.txt';
const DISMISSED_SUFFIX = '.dismissed';

/** Thrown when an entry on disk cannot be read; the caller quarantines it. */
export class CorruptEntryError extends Error {
  override name = 'CorruptEntryError';
}

/** What `load` found: readable entries, and notices for those it set aside. */
export interface LoadResult {
  entries: OutboxEntry[];
  quarantined: OutboxEntry[];
}

/**
 * The outbox on disk: one directory per entry holding a clear metadata file and a sealed file,
 * created by an atomic directory rename so an entry is either wholly there or not at all.
 */
export class OutboxStore {
  readonly outboxDir: string;
  readonly quarantineDir: string;

  constructor(
    dataDir: string,
    private readonly log: OutboxLog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.outboxDir = join(dataDir, OUTBOX_DIR);
    this.quarantineDir = join(dataDir, QUARANTINE_DIR);
  }

  /** Creates the folders (owner-only: the metadata is not secret, but it is nobody else's business). */
  async init(): Promise<void> {
    await mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
    await mkdir(this.quarantineDir, { recursive: true, mode: 0o700 });
  }

  /** Writes a new entry durably; when this resolves the entry survives a crash or power loss. */
  async create(entry: OutboxEntry, sealed: SealedFile): Promise<void> {
    if (!ENTRY_ID.test(entry.id)) throw new Error(`invalid outbox entry id: ${entry.id}`);
    const incoming = join(this.outboxDir, `${INCOMING_PREFIX}${entry.id}`);
    await mkdir(incoming, { mode: 0o700 });
    try {
      await writeFileAtomic(join(incoming, SEALED_FILE), JSON.stringify(sealed));
      await writeFileAtomic(join(incoming, META_FILE), JSON.stringify(toMetaFile(entry), null, 2));
      await rename(incoming, this.entryDir(entry.id));
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      throw error;
    }
    await fsyncDirectory(this.outboxDir);
  }

  /** Reads every entry; anything unreadable is moved aside (logged, reported), never thrown. */
  async load(): Promise<LoadResult> {
    const entries: OutboxEntry[] = [];
    const quarantined: OutboxEntry[] = [];
    for (const dirent of await readdir(this.outboxDir, { withFileTypes: true })) {
      const name = dirent.name;
      if (name.startsWith(INCOMING_PREFIX)) {
        if (await this.isStale(join(this.outboxDir, name))) {
          const notice = await this.quarantine(name, 'incomplete write left by an interrupted process');
          if (notice) quarantined.push(notice);
        }
        continue;
      }
      if (name.startsWith('.')) continue;
      try {
        if (!dirent.isDirectory() || !ENTRY_ID.test(name)) throw new CorruptEntryError('not an outbox entry');
        const entry = await this.readMeta(name);
        if (entry.status === 'pending') await this.readSealed(name);
        else await rm(join(this.entryDir(name), SEALED_FILE), { force: true });
        entries.push(entry);
      } catch (error) {
        const notice = await this.quarantine(name, describeError(error));
        if (notice) quarantined.push(notice);
      }
    }
    return { entries, quarantined };
  }

  /** Reads and checks an entry's metadata. */
  async readMeta(id: string): Promise<OutboxEntry> {
    const text = await this.readText(join(this.entryDir(id), META_FILE), 'metadata');
    const parsed = metaFileSchema.safeParse(parseJson(text, 'metadata'));
    if (!parsed.success) throw new CorruptEntryError('metadata does not match the outbox format');
    if (parsed.data.id !== id) throw new CorruptEntryError('metadata names another entry');
    return toEntry(parsed.data);
  }

  /** Reads and checks an entry's sealed body. */
  async readSealed(id: string): Promise<SealedFile> {
    const text = await this.readText(join(this.entryDir(id), SEALED_FILE), 'sealed body');
    const parsed = sealedFileSchema.safeParse(parseJson(text, 'sealed body'));
    if (!parsed.success) throw new CorruptEntryError('sealed body does not match the outbox format');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(parsed.data.sealed)) throw new CorruptEntryError('sealed body is not base64');
    return parsed.data;
  }

  /** Replaces an entry's metadata atomically (attempts, status, number). */
  async writeMeta(entry: OutboxEntry): Promise<void> {
    await writeFileAtomic(join(this.entryDir(entry.id), META_FILE), JSON.stringify(toMetaFile(entry), null, 2));
  }

  /** Deletes the sealed body once the host has settled the entry: nothing personal kept longer than needed. */
  async dropSealed(id: string): Promise<void> {
    await rm(join(this.entryDir(id), SEALED_FILE), { force: true });
  }

  /**
   * Moves an entry (or stray file) into the quarantine folder with a reason file, logs one clear
   * line and returns the notice to show; returns null only when even the move failed (logged).
   */
  async quarantine(name: string, reason: string): Promise<OutboxEntry | null> {
    const source = join(this.outboxDir, name);
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const targetName = `${name.replace(/^\.+/, '')}-${stamp}`;
    const target = join(this.quarantineDir, targetName);
    try {
      await rename(source, target);
      await writeFile(`${target}${REASON_SUFFIX}`, `${this.now().toISOString()} ${reason}\n`, { mode: 0o600 });
    } catch (error) {
      this.log(`could not move unreadable entry ${name} aside (${describeError(error)}); it is skipped`);
      return null;
    }
    this.log(`entry ${name} is unreadable (${reason}); moved to ${target}`);
    return this.quarantineNotice(targetName);
  }

  /** Notices for every set-aside entry the customer has not dismissed; the files stay for support. */
  async listQuarantined(): Promise<OutboxEntry[]> {
    const names = await readdir(this.quarantineDir);
    const notices: OutboxEntry[] = [];
    for (const name of names) {
      if (name.endsWith(REASON_SUFFIX) || name.endsWith(DISMISSED_SUFFIX) || name.startsWith('.')) continue;
      if (names.includes(`${name}${DISMISSED_SUFFIX}`)) continue;
      notices.push(await this.quarantineNotice(name));
    }
    return notices;
  }

  /**
   * Removes a settled entry's metadata (the sealed body is already gone), or hides a quarantine
   * notice while keeping the set-aside files for support. Refuses a pending entry: it is still owed.
   */
  async dismiss(id: string): Promise<'dismissed' | 'pending' | 'unknown'> {
    if (ENTRY_ID.test(id) && (await exists(this.entryDir(id)))) {
      const entry = await this.readMeta(id).catch(() => null);
      if (entry === null) return 'unknown'; // unreadable: the next load sets it aside with a notice
      if (entry.status === 'pending') return 'pending';
      await rm(this.entryDir(id), { recursive: true, force: true });
      await fsyncDirectory(this.outboxDir);
      return 'dismissed';
    }
    // Quarantine ids are folder names as listed, never paths: only an exact listed name matches.
    const notices = await this.listQuarantined();
    if (!notices.some((notice) => notice.id === id)) return 'unknown';
    await writeFile(join(this.quarantineDir, `${id}${DISMISSED_SUFFIX}`), `${this.now().toISOString()}\n`, { mode: 0o600 });
    return 'dismissed';
  }

  private async quarantineNotice(name: string): Promise<OutboxEntry> {
    const path = join(this.quarantineDir, name);
    let createdAt = this.now().toISOString();
    try {
      createdAt = (await stat(path)).mtime.toISOString();
    } catch {
      // keep "now"
    }
    const base: OutboxEntry = {
      id: name,
      requestId: '',
      device: { kind: 'other', vendor: '', model: '' },
      createdAt,
      attempts: 0,
      nextAttemptAt: null,
      status: 'quarantined',
    };
    try {
      const meta = metaFileSchema.safeParse(JSON.parse(await readFile(join(path, META_FILE), 'utf8')));
      if (meta.success) Object.assign(base, { requestId: meta.data.requestId, device: meta.data.device, createdAt: meta.data.createdAt, attempts: meta.data.attempts });
    } catch {
      // unreadable metadata: the placeholder stands
    }
    return {
      ...base,
      error: { code: 'OUTBOX_FAILED', message: 'A saved registration could not be read and was set aside; please register this device again.' },
    };
  }

  private entryDir(id: string): string {
    return join(this.outboxDir, id);
  }

  private async readText(path: string, what: string): Promise<string> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new CorruptEntryError(`${what} unreadable (${describeError(error)})`);
    }
  }

  private async isStale(path: string): Promise<boolean> {
    try {
      return this.now().getTime() - (await stat(path)).mtime.getTime() > INCOMING_STALE_MS;
    } catch {
      return false;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CorruptEntryError(`${what} is not valid JSON`);
  }
}
