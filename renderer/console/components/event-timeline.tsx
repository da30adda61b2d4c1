import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../protocol/operator-api';
import { When } from './when';

/** Events that say the same thing (action, actor, fields, reason), so a run of them reads as one line. */
const sameStory = (a: AuditEvent, b: AuditEvent) =>
  a.action === b.action && a.actor.type === b.actor.type && a.actor.name === b.actor.name && a.reason === b.reason && (a.fields ?? []).join() === (b.fields ?? []).join();

/** Consecutive repeats folded into their first event with a count: a support agent's searches would otherwise bury the changes. */
export function foldRepeats(events: readonly AuditEvent[]): Array<{ event: AuditEvent; last: AuditEvent; count: number }> {
  const runs: Array<{ event: AuditEvent; last: AuditEvent; count: number }> = [];
  for (const event of events) {
    const run = runs.at(-1);
    if (run !== undefined && sameStory(run.event, event)) {
      run.last = event;
      run.count += 1;
    } else {
      runs.push({ event, last: event, count: 1 });
    }
  }
  return runs;
}

/** Who did what when, in the host's order; field names and reasons, never values; repeats folded with their count and time span. */
export function EventTimeline({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="hint">{t('registration.noEvents')}</p>;
  return (
    <ol className="timeline">
      {foldRepeats(events).map(({ event, last, count }) => (
        <li key={event.id}>
          <p>
            <When at={event.at} />{count > 1 && <> – <When at={last.at} /></>} · <strong>{t(`actions.${event.action}`, { defaultValue: event.action })}</strong>
            {count > 1 && <> <span className="repeat">{t('event.repeated', { count })}</span></>} · {actorText(t, event)}
          </p>
          {event.fields !== undefined && event.fields.length > 0 && <p className="hint">{t('event.fields', { fields: fieldNames(t, event.fields) })}</p>}
          {event.reason !== undefined && <p className="hint">{t('event.reason', { reason: event.reason })}</p>}
        </li>
      ))}
    </ol>
  );
}

/** "Operator: name" (or just the actor type when the host names nobody). */
export function actorText(t: (key: string) => string, event: Pick<AuditEvent, 'actor'>): string {
  const type = t(`actors.${event.actor.type}`);
  return event.actor.name === undefined ? type : `${type}: ${event.actor.name}`;
}

/** Field names of an event in the operator's language (the audit holds names, never values). */
export function fieldNames(t: (key: string, options?: { defaultValue: string }) => string, fields: readonly string[]): string {
  return fields.map((field) => t(`registration.fields.${field}`, { defaultValue: field })).join(', ');
}
