import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components/alert';
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
  const network = useNetworkSettings();
  return (
    <section className="step">
      <PageHeading>{t('unreachable.heading')}</PageHeading>
      <div role="alert" className={atStart && !offlineUnavailable ? 'alert alert-info' : 'alert alert-error'}>
        <p>{busy ? t('unreachable.busy') : atStart ? t('unreachable.startLead') : t('unreachable.lead')}</p>
        {atStart && offlineUnavailable && <p>{t('unreachable.offlineUnavailable')}</p>}
      </div>
      {retry === 'register' && <p className="hint" id="later-hint">{t('unreachable.laterHint')}</p>}
      {atStart && !offlineUnavailable && <p id="offline-hint">{t('unreachable.offlineHint')}</p>}
      {network.available && !busy && <p className="hint" id="network-hint">{t('networkSettings.hint')}</p>}
      {atStart && <p className="hint">{t('unreachable.tryAgainHint')}</p>}
      {network.failed && <Alert>{t('networkSettings.failed')}</Alert>}
      <div className="actions">
        {network.available && !busy && (
          <button type="button" className="button secondary" aria-describedby="network-hint" onClick={() => void network.open()}>{t('networkSettings.open')}</button>
        )}
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

/** The OS network settings behind a button (issue #12 item 1), shown only where the main process can open them. */
function useNetworkSettings() {
  const wizard = useWizard();
  const [available, setAvailable] = useState(false);
  const [failed, setFailed] = useState(false);
  const { networkSettingsAvailable } = wizard;
  useEffect(() => {
    let live = true;
    void networkSettingsAvailable().then((yes) => {
      if (live) setAvailable(yes);
    });
    return () => {
      live = false;
    };
  }, [networkSettingsAvailable]);
  return {
    available,
    failed,
    open: async () => setFailed(!(await wizard.openNetworkSettings())),
  };
}
