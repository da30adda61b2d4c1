import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';
import { OutboxNotices } from './outbox-notices';

/** First page: what will happen, every saved registration and its outcome, and the way out for "later". */
export function WelcomeStep() {
  const { t } = useTranslation();
  const wizard = useWizard();
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);

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

  return (
    <section className="step">
      <PageHeading>{t('welcome.heading')}</PageHeading>
      <p className="lead">{t('welcome.lead')}</p>
      <OutboxNotices entries={outbox} onChange={setOutbox} />
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
