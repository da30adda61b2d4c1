import { z } from 'zod';

/** The machine's registration state (IPC `setLaunchChoice` answers it). */
export type RegistrationState = 'not-registered' | 'pending' | 'registered' | 'declined';

/**
 * What is stored: facts, from which the state is derived, so a decline during a pending
 * delivery, or a delivery after a decline, both come out right without a transition table.
 */
export const launchRecordSchema = z.object({
  format: z.literal(1),
  /** Submissions are waiting in an outbox: keep launching so the sender runs. */
  pending: z.boolean(),
  registeredAt: z.string().nullable(),
  declinedAt: z.string().nullable(),
  remindersUsed: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type LaunchRecord = z.infer<typeof launchRecordSchema>;

/** Events that move the state. */
export type LaunchEvent =
  | { type: 'remind-later' }
  | { type: 'declined' }
  | { type: 'registered' }
  | { type: 'outbox'; pending: number };

/** A fresh machine: nothing done yet, so the wizard opens at logon. */
export function initialRecord(now: Date): LaunchRecord {
  return { format: 1, pending: false, registeredAt: null, declinedAt: null, remindersUsed: 0, updatedAt: now.toISOString() };
}

/** The state a record stands for; a waiting submission wins, then a registration, then a decline. */
export function stateOf(record: LaunchRecord): RegistrationState {
  if (record.pending) return 'pending';
  if (record.registeredAt !== null) return 'registered';
  if (record.declinedAt !== null) return 'declined';
  return 'not-registered';
}

/** Whether the wizard should open by itself at logon in this state. */
export function wantsAutostart(state: RegistrationState): boolean {
  return state === 'not-registered' || state === 'pending';
}

/**
 * Applies one event. "Remind me later" brings the wizard back at most `maxReminders` times,
 * after which it counts as "Don't ask again"; once registered, choices no longer matter.
 */
export function applyLaunchEvent(record: LaunchRecord, event: LaunchEvent, maxReminders: number, now: Date): LaunchRecord {
  const at = now.toISOString();
  switch (event.type) {
    case 'registered':
      return { ...record, registeredAt: record.registeredAt ?? at, updatedAt: at };
    case 'outbox':
      return { ...record, pending: event.pending > 0, updatedAt: at };
    case 'declined':
      if (record.registeredAt !== null) return record;
      return { ...record, declinedAt: at, updatedAt: at };
    case 'remind-later': {
      if (record.registeredAt !== null || record.pending) return record;
      const remindersUsed = record.remindersUsed + 1;
      return { ...record, remindersUsed, declinedAt: remindersUsed > maxReminders ? at : null, updatedAt: at };
    }
  }
}
