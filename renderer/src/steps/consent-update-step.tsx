import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import type { DetailsOutput } from '../forms/details-schema';
import { policyVersionLabel } from '../forms/policy-version';
import { useWizard } from '../wizard/wizard-context';

/** The privacy notice changed since the last consent: the held update is sent once the customer agrees to the new one. */
export function ConsentUpdateStep({ draft }: { draft: DetailsOutput }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const version = wizard.data.form?.privacyPolicy.version;
  return (
    <section className="step">
      <PageHeading>{t('consentUpdate.heading')}</PageHeading>
      <p className="lead">{t('consentUpdate.lead', { version: version !== undefined ? policyVersionLabel(version, i18n.language) : '' })}</p>
      <p>{t('consentUpdate.held')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!agreed) return setMissing(true);
          void wizard.update(draft, true);
        }}
      >
        <fieldset className="group">
          <legend>{t('details.privacyHeading')}</legend>
          <div className="privacy">
            <button type="button" className="button link" onClick={() => void desktop().openPrivacyNotice()}>{t('details.openPrivacy')}</button>
          </div>
          <div className={missing ? 'check has-error' : 'check'}>
            <input
              id="consent-update"
              type="checkbox"
              checked={agreed}
              onChange={(event) => { setAgreed(event.target.checked); setMissing(false); }}
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? 'consent-update-error' : undefined}
            />
            <label htmlFor="consent-update">{t('details.consent')}</label>
          </div>
          {missing && <p id="consent-update-error" className="field-error">{t('validation.consent')}</p>}
        </fieldset>
        {missing && <Alert>{t('consentUpdate.required')}</Alert>}
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => wizard.consentUpdateBack()}>{t('common.back')}</button>
          <BusyButton busy={wizard.busy} type="submit">{t('consentUpdate.save')}</BusyButton>
        </div>
      </form>
    </section>
  );
}
