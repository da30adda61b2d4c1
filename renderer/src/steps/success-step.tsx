import { useTranslation } from 'react-i18next';
import type { RegistrationCreated } from '../../../protocol';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';
import { addableDevices } from '../wizard/wizard-machine';
import { RegistrationNumber } from './registration-number';
import { SuccessReceipt } from './success-receipt';

/** Done: the registration number, how to keep it, and registering the peripherals to it. */
export function SuccessStep({ created, added }: { created: RegistrationCreated; added: boolean }) {
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
      <SuccessReceipt created={created} />
      <div className="actions">
        {others.length > 0 && (
          <button type="button" className="button secondary" onClick={() => wizard.startAddDevice()}>{t('success.addAnother')}</button>
        )}
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('success.finish')}</button>
      </div>
    </section>
  );
}
