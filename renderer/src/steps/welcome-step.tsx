import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
import { Alert } from '../components/alert';
import { BusyButton } from '../components/busy-button';
import { StepHeading } from '../components/step-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';

/** First page: what will happen, anything still waiting in the outbox, and the way out for "later". */
export function WelcomeStep() {
  const { t } = useTranslation();
  const wizard = useWizard();
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    void desktop().getOutbox().then((result) => {
      if (live && result.ok) setOutbox(result.value);
    });
    return () => {
      live = false;
    };
  }, []);

  const leave = async (choice: 'remind-later' | 'declined') => {
    await desktop().setLaunchChoice(choice);
    await desktop().close();
  };
  const sendNow = async () => {
    setSending(true);
    const result = await desktop().retryOutbox();
    if (result.ok) setOutbox(result.value);
    setSending(false);
  };
  const pending = outbox.filter((entry) => entry.status === 'pending');
  const delivered = outbox.filter((entry) => entry.status === 'delivered');

  return (
    <section className="step">
      <StepHeading>{t('welcome.heading')}</StepHeading>
      <p className="lead">{t('welcome.lead')}</p>
      {delivered.map((entry) => (
        <Alert key={entry.id} tone="success" title={t('welcome.deliveredTitle')}>
          <p>{t('welcome.deliveredBody', { device: t(`kindsLower.${entry.device.kind}`), number: entry.registrationNumber ?? '' })}</p>
        </Alert>
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
      <ol className="points">
        <li>{t('welcome.points.one')}</li>
        <li>{t('welcome.points.two')}</li>
        <li>{t('welcome.points.three')}</li>
      </ol>
      <div className="actions">
        <button type="button" className="button link" onClick={() => void leave('declined')}>{t('welcome.never')}</button>
        <button type="button" className="button secondary" onClick={() => void leave('remind-later')}>{t('welcome.later')}</button>
        <BusyButton busy={wizard.busy} type="button" onClick={() => void wizard.start()}>{t('welcome.start')}</BusyButton>
      </div>
    </section>
  );
}
