import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { deviceLabel } from '../wizard/device-label';
import { useWizard } from '../wizard/wizard-context';
import { RegistrationNumber } from './registration-number';
import { SettledNotice, isSettled } from './settled-notice';

/** Kept for later: what is waiting, its state, a way to send it now, and the way on if the host refused it. */
export function PendingStep({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const [current, setCurrent] = useState(entry);
  // The same one name as on the device page when this session scanned the device; else what the entry kept.
  const scanned = wizard.data.scan?.devices.find((d) => d.id === current.deviceId);
  const label = scanned ? deviceLabel(scanned) : deviceLabel({ vendor: current.device.vendor, model: current.device.model, displayName: `${current.device.vendor} ${current.device.model}`.trim(), source: 'manual' });
  const [busy, setBusy] = useState(false);
  const [stillOffline, setStillOffline] = useState(false);
  const sendNow = async () => {
    setBusy(true);
    const result = await desktop().retryOutbox();
    const next = result.ok ? (result.value.find((e) => e.id === entry.id) ?? current) : current;
    setCurrent(next);
    setStillOffline(next.status === 'pending');
    setBusy(false);
    if (next.status !== current.status) wizard.outboxEntryChanged(next);
  };
  const delivered = current.status === 'delivered' && current.registrationNumber !== undefined;
  const refused = current.status === 'duplicate' || current.status === 'rejected';
  const device = t(`kindsLower.${current.device.kind}`);
  const heading = delivered ? t('success.heading') : refused ? t(current.status === 'duplicate' ? 'outbox.duplicateTitle' : 'outbox.rejectedTitle', { device }) : t('pending.heading');
  return (
    <section className="step">
      <PageHeading key={current.status}>{heading}</PageHeading>
      {refused && isSettled(current) ? <SettledNotice entry={current} withTitle={false} /> : <p className="lead">{delivered ? t('pending.deliveredLead') : t('pending.lead')}</p>}
      <dl className="facts card">
        <div><dt>{t('review.kind')}</dt><dd>{t(`kinds.${current.device.kind}`)}</dd></div>
        <div><dt>{t('review.model')}</dt><dd>{label.title || t('review.notProvided')}</dd></div>
        {label.modelNumber !== undefined && <div><dt>{t('devicePage.modelNumber')}</dt><dd className="mono">{label.modelNumber}</dd></div>}
        <div><dt>{t('pending.status')}</dt><dd data-testid="outbox-status">{t(`pending.statuses.${current.status}`)}</dd></div>
      </dl>
      <p role="status" className="hint">{stillOffline && current.status === 'pending' ? t('pending.stillOffline') : ''}</p>
      {delivered && current.registrationNumber && <RegistrationNumber value={current.registrationNumber} />}
      {delivered && <p className="keep">{t('success.keep')}</p>}
      <div className="actions">
        {current.status === 'pending' && <BusyButton busy={busy} type="button" className="button secondary" onClick={() => void sendNow()}>{t('pending.sendNow')}</BusyButton>}
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('common.close')}</button>
      </div>
    </section>
  );
}
