import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';
import { OutboxNotices } from './outbox-notices';
import { TransferNotices } from './transfer-notices';

/** First page: what will happen, every saved registration and its outcome, and the ways out ("later", "never", with a confirmation). */
export function WelcomeStep() {
  const { t } = useTranslation();
  const wizard = useWizard();
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [confirmNever, setConfirmNever] = useState(false);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void desktop().getOutbox().then((result) => {
      if (live && result.ok) setOutbox(result.value);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (confirmNever) confirmRef.current?.focus();
  }, [confirmNever]);

  const leave = async (choice: 'remind-later' | 'declined') => {
    await desktop().setLaunchChoice(choice);
    await desktop().close();
  };
  // A saved registration was delivered and nothing else waits: the PC is registered, so say so.
  const registered = outbox.some((e) => e.status === 'delivered') && !outbox.some((e) => e.status === 'pending');

  return (
    <section className="step">
      <PageHeading>{registered ? t('welcome.registeredHeading') : t('welcome.heading')}</PageHeading>
      <p className="lead">{registered ? t('welcome.registeredLead') : t('welcome.lead')}</p>
      <OutboxNotices entries={outbox} onChange={setOutbox} />
      <TransferNotices />
      {!registered && (
        <ol className="points">
          <li>{t('welcome.points.one')}</li>
          <li>{t('welcome.points.two')}</li>
          <li>{t('welcome.points.three')}</li>
        </ol>
      )}
      {confirmNever ? (
        <section className="card confirm" aria-labelledby="never-heading">
          <h2 id="never-heading" ref={confirmRef} tabIndex={-1}>{t('welcome.neverConfirmTitle')}</h2>
          <p>{t('welcome.neverConfirmBody')}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setConfirmNever(false)}>{t('welcome.neverCancel')}</button>
            <button type="button" className="button primary" onClick={() => void leave('declined')}>{t('welcome.neverConfirm')}</button>
          </div>
        </section>
      ) : (
        <div className="actions">
          {registered ? (
            <button type="button" className="button secondary" onClick={() => void desktop().close()}>{t('common.close')}</button>
          ) : (
            <>
              <button type="button" className="button link" onClick={() => setConfirmNever(true)}>{t('welcome.never')}</button>
              <button type="button" className="button secondary" onClick={() => void leave('remind-later')}>{t('welcome.later')}</button>
            </>
          )}
          <BusyButton busy={wizard.busy} type="button" onClick={() => void wizard.start()}>{registered ? t('welcome.registerMore') : t('welcome.start')}</BusyButton>
        </div>
      )}
    </section>
  );
}
