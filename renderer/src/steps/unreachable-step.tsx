import { useTranslation } from 'react-i18next';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { useWizard } from '../wizard/wizard-context';

/** The host cannot be reached: say so plainly, try again, or keep it for later. */
export function UnreachableStep({ retry, busy }: { retry: 'start' | 'register' | 'add'; busy: boolean }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const again = () => {
    if (retry === 'start') void wizard.start();
    else if (retry === 'register') void wizard.register();
    else if (wizard.data.deviceId) void wizard.addDevice(wizard.data.deviceId);
  };
  return (
    <section className="step">
      <PageHeading>{t('unreachable.heading')}</PageHeading>
      <div role="alert" className="alert alert-error">
        <p>{busy ? t('unreachable.busy') : t('unreachable.lead')}</p>
      </div>
      {retry === 'register' && <p className="hint" id="later-hint">{t('unreachable.laterHint')}</p>}
      <div className="actions">
        {retry === 'register' && (
          <button type="button" className="button secondary" aria-describedby="later-hint" disabled={wizard.busy} onClick={() => void wizard.finishLater()}>
            {t('unreachable.later')}
          </button>
        )}
        <BusyButton busy={wizard.busy} type="button" onClick={again}>{t('common.tryAgain')}</BusyButton>
      </div>
    </section>
  );
}
