import { useTranslation } from 'react-i18next';
import { CUSTOMER_FIELDS, type DesktopError } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { DeviceFacts, PassDevices } from '../components/device-facts';
import { PageHeading } from '../../shared/components/page-heading';
import { policyVersionLabel } from '../forms/policy-version';
import { useWizard } from '../wizard/wizard-context';

/** Exactly what will be sent, identifiers read-only, before anything leaves the PC. */
export function ReviewStep({ error }: { error?: DesktopError | undefined }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const { draft, form } = wizard.data;
  const device = wizard.device;
  if (!draft || !device || !form) return null;
  const pass = (wizard.data.deviceIds ?? []).flatMap((id) => wizard.data.scan?.devices.find((d) => d.id === id) ?? []);
  const deviceGone = error && ['UNKNOWN_DEVICE', 'DEVICE_NOT_SELECTABLE', 'DEVICE_NOT_IDENTIFIABLE'].includes(error.code);
  return (
    <section className="step">
      <PageHeading>{t('review.heading')}</PageHeading>
      <p className="lead">{t('review.lead')}</p>
      {wizard.data.offline && <Alert tone="info">{t('review.offlineLead')}</Alert>}
      {error && <Alert>{deviceGone ? t('review.deviceGone') : t('errors.generic')}</Alert>}
      <div className="review-grid">
        <section className="card" aria-labelledby="review-device">
          <h2 id="review-device">{pass.length > 1 ? t('passResults.heading') : t('review.deviceHeading')}</h2>
          {pass.length > 1 ? <PassDevices devices={pass} /> : <DeviceFacts device={device} />}
        </section>
        <section className="card" aria-labelledby="review-customer">
          <h2 id="review-customer">{t('review.customerHeading')}</h2>
          <dl className="facts">
            {CUSTOMER_FIELDS.filter((field) => draft.customer[field] !== undefined).map((field) => (
              <div key={field}>
                <dt>{t(`details.fields.${field}`)}</dt>
                <dd>{field === 'country' ? t(`countries.${draft.customer.country}`, { defaultValue: draft.customer.country }) : draft.customer[field]}</dd>
              </div>
            ))}
            <div><dt>{t('review.password')}</dt><dd>{t('review.passwordValue')}</dd></div>
            <div><dt>{t('review.consent')}</dt><dd>{t('review.consentValue', { version: policyVersionLabel(form.privacyPolicy.version, i18n.language) })}</dd></div>
          </dl>
        </section>
      </div>
      <div className="actions">
        {deviceGone ? (
          <button type="button" className="button secondary" onClick={() => wizard.goto({ name: 'devices' })}>{t('duplicate.another')}</button>
        ) : (
          <button type="button" className="button secondary" onClick={() => wizard.goto({ name: 'details' })}>{t('review.edit')}</button>
        )}
        {wizard.data.offline ? (
          <BusyButton busy={wizard.busy} type="button" onClick={() => void wizard.finishLater()}>{t('review.submitOffline')}</BusyButton>
        ) : (
          <BusyButton busy={wizard.busy} type="button" onClick={() => void wizard.register()}>{t('review.submit')}</BusyButton>
        )}
      </div>
    </section>
  );
}
