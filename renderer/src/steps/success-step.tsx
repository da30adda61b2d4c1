import { useTranslation } from 'react-i18next';
import type { RegistrationCreated } from '../../../protocol';
import type { DeviceOutcome } from '../wizard/wizard-types';
import { deviceLabel } from '../wizard/device-label';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';
import { addableDevices } from '../wizard/wizard-machine';
import { RegistrationNumber } from './registration-number';
import { SuccessReceipt } from './success-receipt';

/** Done: the registration number, how to keep it, and registering the peripherals to it. */
export function SuccessStep({ created, added, outcomes, mailedTo }: { created: RegistrationCreated; added: boolean; outcomes?: DeviceOutcome[] | undefined; mailedTo?: string | undefined }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const device = t(`kindsLower.${created.device.kind}`);
  const others = addableDevices(wizard.data);
  return (
    <section className="step">
      <PageHeading>{t('success.heading')}</PageHeading>
      <p className="lead">{added ? t('success.addedLead', { device }) : t('success.lead', { device })}</p>
      <RegistrationNumber value={created.registrationNumber} />
      <p className="keep">{t('success.keep')}</p>
      {outcomes !== undefined && outcomes.length > 1 && <PassOutcomes outcomes={outcomes} />}
      <SuccessReceipt created={created} mailedTo={mailedTo} />
      <div className="actions">
        {others.length > 0 && (
          <button type="button" className="button secondary" onClick={() => wizard.startAddDevice()}>{t('success.addAnother')}</button>
        )}
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('success.finish')}</button>
      </div>
    </section>
  );
}

/** One result per device of a several-device pass (issue #12 item 4): registered, already registered, not identifiable. */
function PassOutcomes({ outcomes }: { outcomes: DeviceOutcome[] }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const count = outcomes.filter((o) => o.result === 'registered').length;
  return (
    <section className="card pass-results" aria-labelledby="pass-results-heading">
      <h2 id="pass-results-heading">{t('passResults.heading')}</h2>
      <p>{t('passResults.lead', { count })}</p>
      <ul>
        {outcomes.map((outcome) => {
          const device = wizard.data.scan?.devices.find((d) => d.id === outcome.deviceId);
          return (
            <li key={outcome.deviceId} className={`outcome outcome-${outcome.result}`} data-result={outcome.result}>
              <span className="device-name">{device ? deviceLabel(device).title : outcome.deviceId}</span>
              {device?.serial && <span className="device-facts"> {t('review.serial')} <span className="mono">{device.serial}</span></span>}
              <span className="outcome-text">{t(`passResults.result.${outcome.result}`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
