import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Dialect } from '../db/migrations';
import type { HostDatabase, MailQueueTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A queued mail as read back. */
export type MailRow = Selectable<MailQueueTable>;

/** One mail to queue, inside the transaction of the change it reports. */
export interface NewMail {
  messageId: string;
  notice: string;
  registrationNumber: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  now: number;
}

/** Queues a mail; it is sent after commit, so a rolled-back change sends nothing. */
export async function enqueueMail(db: Db, mail: NewMail): Promise<void> {
  await db
    .insertInto('mail_queue')
    .values({
      message_id: mail.messageId,
      notice: mail.notice,
      registration_number: mail.registrationNumber,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      created_at: mail.now,
      next_attempt_at: mail.now,
      claimed_until: null,
      sent_at: null,
    })
    .execute();
}

/**
 * Claims up to `limit` due mails for `leaseMs`: one statement, and on PostgreSQL `for update skip
 * locked`, so several host processes never claim one mail at once; a dead claimer's lease runs out.
 */
export async function claimDueMail(db: Db, dialect: Dialect, now: number, leaseMs: number, limit: number): Promise<MailRow[]> {
  let due = db
    .selectFrom('mail_queue')
    .select('id')
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('mail_queue')
    .set({ claimed_until: now + leaseMs, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Marks a mail sent and overwrites its address and text: the queue keeps none of a sent mail. */
export async function markMailSent(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('mail_queue').set({ sent_at: now, claimed_until: null, to_address: null, subject: null, text_body: null, html_body: null }).where('id', '=', id).execute();
}

/** Releases the claim of a mail that failed, to be tried again at `nextAttemptAt`. */
export async function scheduleMailRetry(db: Db, id: number, nextAttemptAt: number): Promise<void> {
  await db.updateTable('mail_queue').set({ claimed_until: null, next_attempt_at: nextAttemptAt }).where('id', '=', id).where('sent_at', 'is', null).execute();
}

/** Drops the unsent mail of a registration being erased (its text and address go with it). */
export async function dropUnsentMail(db: Db, registrationNumber: string): Promise<void> {
  await db.deleteFrom('mail_queue').where('registration_number', '=', registrationNumber).where('sent_at', 'is', null).execute();
}
