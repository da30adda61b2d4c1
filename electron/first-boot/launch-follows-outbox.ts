import type { OutboxEvent } from '../outbox/outbox';
import type { LaunchEvent } from './launch-state';

/**
 * Keeps the machine's launch state in step with the outbox: "pending" exactly while entries wait
 * (so the wizard keeps opening at logon to send them), "registered" once one is delivered.
 * Pass the result as the outbox's event handler (or call it from yours).
 */
export function launchFollowsOutbox(
  launch: { record(event: LaunchEvent): Promise<unknown> },
  log: (line: string) => void = (line) => console.warn(`[first-boot] ${line}`),
): (event: OutboxEvent) => void {
  const record = (event: LaunchEvent) => {
    void launch.record(event).catch((error: unknown) => log(`could not record ${event.type}: ${error instanceof Error ? error.message : String(error)}`));
  };
  return (event) => {
    if (event.type === 'delivered') record({ type: 'registered' });
    else if (event.type === 'changed') record({ type: 'outbox', pending: event.pending });
  };
}
