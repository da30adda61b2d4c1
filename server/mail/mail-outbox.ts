import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { MailLocale } from '../../protocol';
import type { HostConfig } from '../config';
import type { Dialect } from '../db/migrations';
import type { HostDatabase } from '../db/schema';
import { compactAfterErasure } from '../db/store-compaction';
import { claimDueMail, enqueueMail, markMailSent, scheduleMailRetry, type MailRow } from '../repositories/mail-queue-repository';
import type { MailTransport } from './mail-transport';
import { renderNotice, type Notice } from './notices';

const BATCH = 20;
const MAX_BACKOFF_MS = 6 * 3600_000;

/** Where a notice goes: the registration's e-mail on record (none: nothing is queued) in its locale. */
export interface MailRecipient {
  email: string | null;
  locale: MailLocale;
  registrationNumber: string | null;
}

/** The host's mail: queued in a change's transaction, sent after commit by a worker that retries. */
export interface MailOutbox {
  /** True when SMTP_URL or MAIL_DIR is set (API.md: `recovery` in the form). */
  readonly configured: boolean;
  /** Queues a notice in the caller's transaction; returns false (queues nothing) without an address or transport. */
  enqueue(trx: Transaction<HostDatabase>, recipient: MailRecipient, notice: Notice): Promise<boolean>;
  /** Asks the worker to send what is due now (call after commit). */
  kick(): void;
  /** Sends what is due, then on a timer; call once at start. */
  start(): void;
  /** Stops the timer and waits for the batch being sent. */
  stop(): Promise<void>;
}

/** Builds the outbox over a store; `transport` null means mail is not configured. */
export function createMailOutbox(options: {
  db: Kysely<HostDatabase>;
  dialect: Dialect;
  config: HostConfig['mail'];
  transport: MailTransport | null;
  logger: Logger;
  now: () => number;
}): MailOutbox {
  const { db, dialect, config, transport, logger, now } = options;
  const domain = config.from.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const sendOne = async (row: MailRow, send: MailTransport): Promise<void> => {
    try {
      if (row.to_address === null || row.subject === null || row.text_body === null || row.html_body === null) throw new Error('queued mail without content');
      await send({ messageId: row.message_id, from: config.from, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, date: new Date(row.created_at) });
    } catch (error) {
      const delay = Math.min(MAX_BACKOFF_MS, config.retrySeconds * 1000 * 2 ** Math.max(0, row.attempts - 1));
      await scheduleMailRetry(db, row.id, now() + delay);
      // Class and code only: SMTP replies can quote the address.
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      logger.warn({ mailId: row.id, notice: row.notice, attempts: row.attempts, code }, 'mail not sent; will retry');
      return;
    }
    await markMailSent(db, row.id, now());
    logger.info({ mailId: row.id, notice: row.notice }, 'mail sent');
    if (row.notice === 'erased') await compactAfterErasure(db, dialect);
  };

  const drain = async (send: MailTransport): Promise<void> => {
    do {
      again = false;
      let batch: MailRow[];
      do {
        // A sender silent for the lease (MAIL_LEASE_SECONDS, longer than the SMTP timeouts together) is presumed dead: a host killed mid-send.
        batch = await claimDueMail(db, dialect, now(), config.leaseSeconds * 1000, BATCH);
        for (const row of batch) await sendOne(row, send);
      } while (batch.length === BATCH && !stopped);
    } while (again && !stopped);
  };

  const kick = (): void => {
    if (!transport || stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain(transport)
      .catch((error: unknown) => {
        logger.warn({ err: { name: error instanceof Error ? error.name : typeof error } }, 'mail queue unavailable; will retry');
      })
      .finally(() => {
        running = undefined;
      });
  };

  return {
    configured: transport !== null,
    async enqueue(trx, recipient, notice) {
      if (!transport || recipient.email === null) return false;
      const mail = renderNotice(notice, recipient.locale);
      const messageId = `<${crypto.randomUUID()}@${domain}>`;
      await enqueueMail(trx, { messageId, notice: notice.kind, registrationNumber: recipient.registrationNumber, to: recipient.email, ...mail, now: now() });
      return true;
    },
    kick,
    start() {
      if (!transport) return;
      kick();
      timer = setInterval(kick, config.retrySeconds * 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
