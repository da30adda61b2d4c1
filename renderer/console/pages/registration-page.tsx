import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_FIELDS, type CustomerField } from '../../../protocol/customer';
import type { OperatorCustomer, RegistrationDetail } from '../../../protocol/operator-api';
import { Alert } from '../../shared/components/alert';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { DeviceLine } from '../components/device-line';
import { ErrorNotice } from '../components/error-notice';
import { EventTimeline } from '../components/event-timeline';
import { ReasonDialog } from '../components/reason-dialog';
import { useLoad } from '../components/use-load';
import { When } from '../components/when';
import { hrefOf } from '../routes';
import { useSession } from '../session';

/** One registration: customer (support and admin), devices with findings, consents and its audit timeline; corrections and releases ask a reason and confirm. */
export function RegistrationPage({ number }: { number: string }) {
  const { t } = useTranslation();
  const { rights } = useSession();
  const detail = useLoad(() => operatorApi.registration(number), [number]);
  const [notice, setNotice] = useState<string | undefined>();
  const data = detail.data;
  return (
    <>
      <p><a href={hrefOf({ page: 'search', q: '', kind: '' })}>{t('registration.back')}</a></p>
      <PageHeading>{t('registration.heading', { number: data?.registrationNumber ?? number })}</PageHeading>
      {notice !== undefined && <Alert tone="success"><p>{notice}</p></Alert>}
      <ErrorNotice error={detail.error} notFound={t('errors.REGISTRATION_NOT_FOUND')} />
      {detail.loading && data === undefined && <p role="status">{t('common.loading')}</p>}
      {data !== undefined && (
        <div className="detail-grid">
          <section className="card" aria-labelledby="customer">
            <div className="section-head">
              <h2 id="customer">{data.customer === undefined ? t('registration.summary') : t('registration.customer')}</h2>
              {rights.changes && data.customer !== undefined && (
                <CorrectionDialog detail={data} onDone={(message) => { setNotice(message); detail.reload(); }} />
              )}
            </div>
            <dl className="facts">
              <div><dt>{t('registration.registeredAt')}</dt><dd><When at={data.registeredAt} /></dd></div>
              <div><dt>{t('registration.locale')}</dt><dd>{data.locale}</dd></div>
              {data.customer !== undefined && CUSTOMER_FIELDS.map((field) => (
                <div key={field}><dt>{t(`registration.fields.${field}`)}</dt><dd>{data.customer?.[field] ?? t('common.none')}</dd></div>
              ))}
            </dl>
            {data.customer === undefined && <p className="hint">{t('registration.viewerNote')}</p>}
          </section>
          <section className="card" aria-labelledby="consents">
            <h2 id="consents">{t('registration.consents')}</h2>
            {data.consents.length === 0 ? <p className="hint">{t('registration.noConsents')}</p> : (
              <ul className="plain">
                {data.consents.map((consent) => <li key={`${consent.privacyPolicyVersion}-${consent.at}`}>{t('registration.consentLine', { version: consent.privacyPolicyVersion })} <When at={consent.at} /></li>)}
              </ul>
            )}
          </section>
          <section className="card wide" aria-labelledby="devices">
            <h2 id="devices">{t('registration.devices')}</h2>
            <ul className="device-list">
              {data.devices.map((device) => (
                <li key={device.id} className={device.releasedAt === undefined ? 'device-item' : 'device-item released'}>
                  <div>
                    <p><DeviceLine device={device} /></p>
                    {device.hardwareUuid !== undefined && <p className="hint">{t('registration.uuid')}: <span className="mono">{device.hardwareUuid}</span></p>}
                    <p className="hint">
                      {t('registration.status')}: {device.releasedAt === undefined ? t('registration.active') : <>{t('registration.released')} <When at={device.releasedAt} /></>}
                      {' · '}{t('registration.findings')}: {device.findings.length === 0 ? t('registration.noFindings') : device.findings.map((finding) => <span key={finding} className="finding">{t(`findings.${finding}`)}</span>)}
                    </p>
                  </div>
                  {rights.changes && device.releasedAt === undefined && (
                    <ReasonDialog
                      trigger={t('registration.release')}
                      title={t('registration.releaseTitle', { device: `${device.vendor} ${device.model ?? ''}`.trim() })}
                      lead={t('registration.releaseLead')}
                      confirm={t('registration.releaseConfirm')}
                      onConfirm={async (reason) => {
                        await operatorApi.release(device.id, reason);
                        setNotice(t('registration.releasedDone'));
                        detail.reload();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section className="card wide" aria-labelledby="events">
            <h2 id="events">{t('registration.events')}</h2>
            <EventTimeline events={data.events} />
          </section>
        </div>
      )}
    </>
  );
}

/** The correction form inside the reason dialog: starts from what is on record and sends only the fields that changed. */
function CorrectionDialog({ detail, onDone }: { detail: RegistrationDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const initial = (field: CustomerField) => detail.customer?.[field] ?? '';
  const [values, setValues] = useState<Record<CustomerField, string>>(() => Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, initial(field)])) as Record<CustomerField, string>);
  const changed = (): Partial<OperatorCustomer> => Object.fromEntries(CUSTOMER_FIELDS.filter((field) => values[field] !== initial(field)).map((field) => [field, values[field]]));
  return (
    <ReasonDialog
      trigger={t('registration.correct')}
      title={t('registration.correctTitle')}
      lead={t('registration.correctLead')}
      confirm={t('registration.correctConfirm')}
      onConfirm={async (reason) => {
        const result = await operatorApi.correct(detail.registrationNumber, changed(), reason);
        onDone(result.changed
          ? t('registration.corrected', { fields: result.changedFields.map((field) => t(`registration.fields.${field}`, { defaultValue: field })).join(', ') })
          : t('registration.unchanged'));
      }}
    >
      <div className="form-grid">
        {CUSTOMER_FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`correct-${field}`}>{t(`registration.fields.${field}`)}</label>
            <input id={`correct-${field}`} value={values[field]} onChange={(event) => setValues({ ...values, [field]: event.target.value })} autoComplete="off" />
          </div>
        ))}
      </div>
    </ReasonDialog>
  );
}
