import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../protocol/operator-api';
import { When } from './when';

/**
 * Events that tell the same story, so a run of them reads as one line: same action, actor and reason,
 * and the same fields — except operator reads, whose runs merge their field names (the audit page keeps each one).
 */
const sameStory = (a: AuditEvent, b: AuditEvent) =>
  a.action === b.action && a.actor.type === b.actor.type && a.actor.name === b.actor.name && a.reason === b.reason &&
  (a.action === 'operator_viewed' || (a.fields ?? []).join() === (b.fields ?? []).join());

type Run = { event: AuditEvent; last: AuditEvent; count: number };

/** Consecutive repeats folded into their first event with a count: a support agent's searches would otherwise bury the changes. */
export function foldRepeats(events: readonly AuditEvent[]): Run[] {
  const runs: Run[] = [];
  for (const event of events) {
    const run = runs.at(-1);
    if (run !== undefined && sameStory(run.event, event)) {
      const fields = [...new Set([...(run.event.fields ?? []), ...(event.fields ?? [])])];
      run.event = { ...run.event, ...(fields.length > 0 ? { fields } : {}) };
      run.last = event;
      run.count += 1;
    } else {
      runs.push({ event, last: event, count: 1 });
    }
  }
  return runs;
}

/** A run spans time worth showing when its first and last events are a minute or more apart (times show minutes). */
const spans = (run: Run) => Math.abs(Date.parse(run.last.at) - Date.parse(run.event.at)) >= 60_000;

/** Who did what when, in the host's order; field names and reasons, never values; repeats folded with their count and time span. */
export function EventTimeline({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="hint">{t('registration.noEvents')}</p>;
  return (
    <ol className="timeline">
      {foldRepeats(events).map((run) => (
        <li key={run.event.id}>
          <p>
            <When at={run.event.at} />{spans(run) && <> – <When at={run.last.at} /></>} · <strong>{t(`actions.${run.event.action}`, { defaultValue: run.event.action })}</strong>
            {run.count > 1 && <> <span className="repeat">{t('event.repeated', { count: run.count })}</span></>} · {actorText(t, run.event)}
          </p>
          {run.event.fields !== undefined && run.event.fields.length > 0 && <p className="hint">{t('event.fields', { fields: fieldNames(t, run.event.fields) })}</p>}
          {run.event.reason !== undefined && <p className="hint">{t('event.reason', { reason: run.event.reason })}</p>}
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
