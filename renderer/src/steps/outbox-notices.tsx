import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { desktop } from '../desktop';
import { SettledNotice, isSettled } from './settled-notice';

/**
 * The welcome page's view of the outbox: what still waits (with "send now") and every answer the
 * host gave, each dismissable once settled so old news does not show forever.
 */
export function OutboxNotices({ entries, onChange }: { entries: OutboxEntry[]; onChange: (entries: OutboxEntry[]) => void }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);

  // The dismissed notice took the focus with it: hand it to the list's heading, or the page's.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (headingRef.current ?? document.querySelector<HTMLElement>('h1'))?.focus();
  }, [entries]);

  const sendNow = async () => {
    setSending(true);
    const result = await desktop().retryOutbox();
    if (result.ok) onChange(result.value);
    setSending(false);
  };
  const dismiss = async (id: string) => {
    setDismissing(id);
    const result = await desktop().dismissOutboxEntry(id);
    const fresh = result.ok ? result : await desktop().getOutbox();
    setDismissing(null);
    refocus.current = true;
    if (fresh.ok) onChange(fresh.value);
  };

  if (entries.length === 0) return null;
  const pending = entries.filter((entry) => entry.status === 'pending');
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading" ref={headingRef} tabIndex={-1}>{t('outbox.heading')}</h2>
      {entries.filter(isSettled).map((entry) => (
        <SettledNotice key={entry.id} entry={entry} dismissing={dismissing === entry.id} onDismiss={() => void dismiss(entry.id)} />
      ))}
      {pending.length > 0 && (
        <Alert tone="info" title={t('welcome.pendingTitle')}>
          {pending.map((entry) => (
            <p key={entry.id}>{t('welcome.pendingBody', { device: t(`kindsLower.${entry.device.kind}`) })}</p>
          ))}
          <BusyButton busy={sending} type="button" className="button secondary" onClick={() => void sendNow()}>
            {t('welcome.sendNow')}
          </BusyButton>
        </Alert>
      )}
    </section>
  );
}
