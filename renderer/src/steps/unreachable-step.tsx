import { useTranslation } from 'react-i18next';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';

/** The host cannot be reached: say so plainly; at Start, fill in now and send later; else try again or keep it for later. */
export function UnreachableStep({ retry, busy, offlineUnavailable }: { retry: 'start' | 'register' | 'add'; busy: boolean; offlineUnavailable: boolean }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const again = () => {
    if (retry === 'start') void wizard.start();
    else if (retry === 'register') void wizard.register();
    else if (wizard.data.deviceId) void wizard.addDevice(wizard.data.deviceId);
  };
  const remindLater = async () => {
    await desktop().setLaunchChoice('remind-later');
    await desktop().close();
  };
  const atStart = retry === 'start' && !busy;
  return (
    <section className="step">
      <PageHeading>{t('unreachable.heading')}</PageHeading>
      <div role="alert" className={atStart && !offlineUnavailable ? 'alert alert-info' : 'alert alert-error'}>
        <p>{busy ? t('unreachable.busy') : atStart ? t('unreachable.startLead') : t('unreachable.lead')}</p>
        {atStart && offlineUnavailable && <p>{t('unreachable.offlineUnavailable')}</p>}
      </div>
      {retry === 'register' && <p className="hint" id="later-hint">{t('unreachable.laterHint')}</p>}
      {atStart && !offlineUnavailable && <p id="offline-hint">{t('unreachable.offlineHint')}</p>}
      {atStart && <p className="hint">{t('unreachable.tryAgainHint')}</p>}
      <div className="actions">
        {atStart && (
          <button type="button" className="button link" onClick={() => void remindLater()}>{t('unreachable.remindLater')}</button>
        )}
        {retry === 'register' && (
          <button type="button" className="button secondary" aria-describedby="later-hint" disabled={wizard.busy} onClick={() => void wizard.finishLater()}>
            {t('unreachable.later')}
          </button>
        )}
        <BusyButton busy={wizard.busy} type="button" className={atStart && !offlineUnavailable ? 'button secondary' : 'button primary'} onClick={again}>{t('common.tryAgain')}</BusyButton>
        {atStart && !offlineUnavailable && (
          <BusyButton busy={wizard.busy} type="button" aria-describedby="offline-hint" onClick={() => void wizard.continueOffline()}>{t('unreachable.offline')}</BusyButton>
        )}
      </div>
    </section>
  );
}
