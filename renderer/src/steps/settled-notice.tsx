import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { useWizard } from '../wizard/wizard-context';
import { OutcomeReasons } from './outcome-reasons';

/** An outbox entry the host has answered for, or one set aside as unreadable. */
export type Settled = OutboxEntry & { status: 'delivered' | 'duplicate' | 'rejected' | 'quarantined' };

/** When the customer saved the registration, in the wizard's language. */
export function savedAt(entry: OutboxEntry, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(entry.createdAt));
}

/** Whether the host has answered for this entry (or it was set aside): only then may it be dismissed. */
export function isSettled(entry: OutboxEntry): entry is Settled {
  return entry.status !== 'pending';
}

/** One settled saved registration: what the host answered, the way on, and (where offered) a way to dismiss it. */
export function SettledNotice({ entry, dismissing = false, onDismiss, withTitle = true }: { entry: Settled; dismissing?: boolean; onDismiss?: (() => void) | undefined; withTitle?: boolean }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const device = t(`kindsLower.${entry.device.kind}`);
  const bodyId = `outbox-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const savedOn = t('outbox.savedOn', { date: savedAt(entry, i18n.language) });
  const follow = (label: string) => (
    <BusyButton busy={wizard.busy} type="button" className="button primary" aria-describedby={bodyId} onClick={() => void wizard.followOutbox(entry)}>{label}</BusyButton>
  );
  const dismiss = onDismiss && (
    <BusyButton busy={dismissing} type="button" className="button secondary" aria-describedby={bodyId} onClick={onDismiss}>{t('outbox.dismiss')}</BusyButton>
  );
  switch (entry.status) {
    case 'delivered':
      return (
        <Alert tone="success" title={withTitle ? t('welcome.deliveredTitle') : undefined}>
          <p id={bodyId}>{t('welcome.deliveredBody', { device, number: entry.registrationNumber ?? '' })}</p>
          <div className="alert-actions">{dismiss}</div>
        </Alert>
      );
    case 'duplicate':
      return (
        <Alert title={withTitle ? t('outbox.duplicateTitle', { device }) : undefined}>
          <p id={bodyId}>{t('outbox.duplicateBody', { device })}</p>
          <p>{savedOn}</p>
          <div className="alert-actions">{follow(t('outbox.duplicateFollow'))}{dismiss}</div>
        </Alert>
      );
    case 'rejected':
      return (
        <Alert title={withTitle ? t('outbox.rejectedTitle', { device }) : undefined}>
          <div id={bodyId}>
            <p>{t('outbox.rejectedBody')}</p>
            <OutcomeReasons error={entry.error} />
          </div>
          <p>{savedOn}</p>
          <div className="alert-actions">{follow(t('outbox.rejectedAgain'))}{dismiss}</div>
        </Alert>
      );
    case 'quarantined':
      return (
        <Alert title={withTitle ? t('outbox.quarantinedTitle') : undefined}>
          <p id={bodyId}>{t('outbox.quarantinedBody', { device })}</p>
          <div className="alert-actions">{follow(t('outbox.quarantinedAgain'))}{dismiss}</div>
        </Alert>
      );
  }
}
