import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { AttestationProof, NewRegistrationRequest, OutboxEntry } from '../../protocol';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { createDeliveryClient, deliverSealed, type DeliveryOutcome } from './deliver-sealed';
import { consoleOutboxLog, describeError, type OutboxLog } from './outbox-log';
import { CorruptEntryError, OutboxStore } from './outbox-store';
import { sealRegistration } from './seal';

/** Something the app should tell the customer about (the Electron glue turns these into notifications). */
export type OutboxEvent =
  | { type: 'delivered' | 'duplicate' | 'rejected' | 'quarantined'; entry: OutboxEntry }
  | { type: 'changed'; pending: number };

export interface OutboxOptions {
  /** The app's data folder; the outbox lives in `outbox/` and `outbox-quarantine/` inside it. */
  dataDir: string;
  /** Base URL of the registration host. */
  hostUrl: string;
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  random?: () => number;
  now?: () => Date;
  log?: OutboxLog;
  onEvent?: (event: OutboxEvent) => void;
  /** A fresh TPM proof for a PC entry, sent beside the sealed body (docs/attestation.md); null = none. */
  prove?: () => Promise<AttestationProof | null>;
}

/** The newest first, so the wizard shows what the customer just did at the top. */
const byNewest = (a: OutboxEntry, b: OutboxEntry) => b.createdAt.localeCompare(a.createdAt);

/**
 * The offline outbox: keeps sealed registrations on disk and hands them to the host with
 * exponential backoff until it settles each one. Survives restarts: all state is on disk.
 */
export class Outbox {
  private readonly store: OutboxStore;
  private readonly client: AxiosInstance;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly log: OutboxLog;
  private readonly onEvent: (event: OutboxEvent) => void;
  private readonly prove: (() => Promise<AttestationProof | null>) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  private constructor(options: OutboxOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? consoleOutboxLog;
    this.store = new OutboxStore(options.dataDir, this.log, this.now);
    this.client = createDeliveryClient(options.hostUrl, options.timeoutMs ?? 15_000);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent ?? (() => undefined);
    this.prove = options.prove;
  }

  /** Opens (creating if needed) the outbox in a data folder; unreadable entries are set aside, never fatal. */
  static async open(options: OutboxOptions): Promise<Outbox> {
    const outbox = new Outbox(options);
    await outbox.store.init();
    const { quarantined } = await outbox.store.load();
    for (const entry of quarantined) outbox.emit({ type: 'quarantined', entry });
    return outbox;
  }

  /**
   * Seals a complete registration body to the host's key and stores it durably. When this
   * resolves the submission is safe: it will be delivered or its outcome reported.
   */
  async add(body: NewRegistrationRequest, publicKey: string, deviceId?: string): Promise<OutboxEntry> {
    const sealed = await sealRegistration(body, publicKey);
    const now = this.now();
    const entry: OutboxEntry = {
      id: randomUUID(),
      requestId: body.requestId,
      device: { kind: body.device.kind, vendor: body.device.vendor, model: body.device.model ?? '' },
      ...(deviceId !== undefined ? { deviceId } : {}),
      createdAt: now.toISOString(),
      attempts: 0,
      nextAttemptAt: new Date(now.getTime() + backoffDelayMs(1, this.backoff, this.random)).toISOString(),
      status: 'pending',
    };
    await this.serialize(() => this.store.create(entry, { format: 1, algorithm: 'crypto_box_seal', publicKey, sealed }));
    this.log(`entry ${entry.id} stored (device kind ${entry.device.kind}); delivery pending`);
    this.emit({ type: 'changed', pending: await this.pendingCount() });
    this.schedule();
    return entry;
  }

  /** Everything the wizard may show: waiting, settled and set-aside entries, newest first. */
  async list(): Promise<OutboxEntry[]> {
    return this.serialize(async () => {
      const { entries, quarantined } = await this.store.load();
      for (const entry of quarantined) this.emit({ type: 'quarantined', entry });
      const notices = await this.store.listQuarantined();
      return [...entries, ...notices].sort(byNewest);
    });
  }

  /** Forgets a settled entry (or hides a quarantine notice) once the customer has seen it; pending ones stay. */
  async dismiss(id: string): Promise<'dismissed' | 'pending' | 'unknown'> {
    const result = await this.serialize(() => this.store.dismiss(id));
    if (result === 'dismissed') this.log(`entry ${id} dismissed`);
    return result;
  }

  /** How many entries still wait for the host (the tray stays while this is above zero). */
  async pendingCount(): Promise<number> {
    return (await this.list()).filter((entry) => entry.status === 'pending').length;
  }

  /** Tries every waiting entry now, whatever its backoff says (launch, or the customer's "retry"). */
  async retryNow(): Promise<OutboxEntry[]> {
    await this.sendDue(true);
    return this.list();
  }

  /** One delivery pass: entries whose time has come (or all, when forced), one at a time. */
  async sendDue(force = false): Promise<void> {
    await this.serialize(async () => {
      const { entries, quarantined } = await this.store.load();
      for (const entry of quarantined) this.emit({ type: 'quarantined', entry });
      const nowMs = this.now().getTime();
      for (const entry of entries) {
        if (entry.status !== 'pending') continue;
        if (!force && entry.nextAttemptAt !== null && Date.parse(entry.nextAttemptAt) > nowMs) continue;
        await this.attempt(entry);
      }
    });
    this.emit({ type: 'changed', pending: await this.pendingCount() });
    this.schedule();
  }

  /** Starts the background sender: one attempt for everything now (every launch), then on backoff. */
  start(): void {
    this.running = true;
    void this.sendDue(true).catch((error: unknown) => this.log(`delivery pass failed: ${describeError(error)}`));
  }

  /** Stops the background sender and waits for an attempt in flight to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    let sealed;
    try {
      sealed = await this.store.readSealed(entry.id);
    } catch (error) {
      const notice = await this.store.quarantine(entry.id, error instanceof CorruptEntryError ? error.message : describeError(error));
      if (notice) this.emit({ type: 'quarantined', entry: notice });
      return;
    }
    // The challenge can only be had now that the host answers: the proof travels beside the seal.
    const proof = entry.device.kind === 'pc' && this.prove ? await this.prove() : null;
    const outcome = await deliverSealed(this.client, sealed.sealed, this.now(), proof);
    const updated = this.settle(entry, outcome);
    await this.store.writeMeta(updated);
    if (updated.status !== 'pending') await this.store.dropSealed(entry.id);
    this.log(
      `entry ${entry.id} attempt ${updated.attempts}: ${updated.status}` +
        (outcome.kind === 'delivered' ? '' : ` (${outcome.error.code})`) +
        (updated.nextAttemptAt ? `, next attempt at ${updated.nextAttemptAt}` : ''),
    );
    if (updated.status !== 'pending') this.emit({ type: updated.status, entry: updated });
  }

  private settle(entry: OutboxEntry, outcome: DeliveryOutcome): OutboxEntry {
    const attempts = entry.attempts + 1;
    switch (outcome.kind) {
      case 'delivered':
        return { ...entry, attempts, nextAttemptAt: null, status: 'delivered', registrationNumber: outcome.created.registrationNumber, error: undefined };
      case 'duplicate':
        return { ...entry, attempts, nextAttemptAt: null, status: 'duplicate', error: outcome.error };
      case 'rejected':
        return { ...entry, attempts, nextAttemptAt: null, status: 'rejected', error: outcome.error };
      case 'retry': {
        const delay = Math.max(backoffDelayMs(attempts, this.backoff, this.random), outcome.retryAfterMs ?? 0);
        return { ...entry, attempts, nextAttemptAt: new Date(this.now().getTime() + delay).toISOString(), error: outcome.error };
      }
    }
  }

  private schedule(): void {
    if (!this.running) return;
    void this.nextDue().then((due) => {
      if (!this.running) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      if (due === null) return;
      const delay = Math.min(Math.max(0, due - this.now().getTime()), 2 ** 31 - 1);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.sendDue(false).catch((error: unknown) => this.log(`delivery pass failed: ${describeError(error)}`));
      }, delay);
      this.timer.unref();
    });
  }

  private async nextDue(): Promise<number | null> {
    const pending = (await this.list()).filter((entry) => entry.status === 'pending' && entry.nextAttemptAt !== null);
    const times = pending.map((entry) => Date.parse(entry.nextAttemptAt ?? ''));
    return times.length === 0 ? null : Math.min(...times);
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(event: OutboxEvent): void {
    try {
      this.onEvent(event);
    } catch (error) {
      this.log(`outbox event handler failed: ${describeError(error)}`);
    }
  }
}
