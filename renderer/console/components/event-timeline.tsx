import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../protocol/operator-api';
import { When } from './when';

/** Who did what when, newest first as the host sends it; field names and reasons, never values. */
export function EventTimeline({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="hint">{t('registration.noEvents')}</p>;
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <p><When at={event.at} /> · <strong>{t(`actions.${event.action}`, { defaultValue: event.action })}</strong> · {actorText(t, event)}</p>
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
