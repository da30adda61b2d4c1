import { Outbox, type OutboxEvent, type OutboxOptions } from '../../../electron/outbox/outbox';
import type { Cleanups } from '../../support/use-cleanups';

/** Opens an outbox that is stopped after the test, collecting its events and log lines for assertions. */
export async function openRecordedOutbox(
  cleanups: Cleanups,
  options: Omit<OutboxOptions, 'log' | 'onEvent'> & { events: OutboxEvent[]; log: string[] },
): Promise<Outbox> {
  const { events, log, ...rest } = options;
  const outbox = await Outbox.open({
    ...rest,
    log: (line) => log.push(line),
    onEvent: (event) => events.push(event),
  });
  cleanups.push(() => outbox.stop());
  return outbox;
}
