import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScannedDevice } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { useWizard } from '../wizard/wizard-context';
import { preselectedDevice } from '../wizard/wizard-machine';

/** One device as a radio card: kind, maker, model and serial as read. */
export function DeviceOption({ device, checked, onChange, registered }: { device: ScannedDevice; checked: boolean; onChange: () => void; registered: boolean }) {
  const { t } = useTranslation();
  const id = `device-${device.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className={checked ? 'device-card selected' : 'device-card'}>
      <input id={id} type="radio" name="device" value={device.id} checked={checked} onChange={onChange} aria-describedby={`${id}-facts`} />
      <label htmlFor={id}>
        <span className="device-kind">{t(`kinds.${device.kind}`)}</span>
        <span className="device-name">{device.displayName}</span>
        {registered && <span className="badge">{t('devices.registered')}</span>}
      </label>
      <p id={`${id}-facts`} className="device-facts">
        {device.vendor} · {t('devices.model')} {device.model || '—'} · {t('devices.serial')} <span className="mono">{device.serial ?? t('devices.noSerial')}</span>
      </p>
    </div>
  );
}

/** The scan's result: selectable devices, the ones that cannot be identified and why, and new vs update. */
export function DevicesStep() {
  const { t } = useTranslation();
  const wizard = useWizard();
  const devices = wizard.data.scan?.devices ?? [];
  const selectable = devices.filter((d) => d.identifiable);
  const unavailable = devices.filter((d) => !d.identifiable);
  const [deviceId, setDeviceId] = useState<string | undefined>(preselectedDevice(wizard.data));
  const [action, setAction] = useState<'new' | 'update'>(wizard.data.mode === 'update' ? 'update' : 'new');
  const [missing, setMissing] = useState(false);

  return (
    <section className="step">
      <PageHeading>{t('devices.heading')}</PageHeading>
      <p className="lead">{t('devices.lead')}</p>
      {wizard.data.offline && <Alert tone="info" title={t('devices.offlineTitle')}><p>{t('devices.offlineBody')}</p></Alert>}
      {wizard.data.scanError && <Alert>{t('errors.generic')}</Alert>}
      {missing && <Alert>{t('devices.chooseDevice')}</Alert>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (deviceId === undefined) setMissing(true);
          else wizard.choose(deviceId, action);
        }}
      >
        {selectable.length === 0 ? (
          <Alert tone="info">{t('devices.none')}</Alert>
        ) : (
          <fieldset className="group devices">
            <legend>{t('devices.listLabel')}</legend>
            {selectable.map((device) => (
              <DeviceOption key={device.id} device={device} checked={deviceId === device.id} onChange={() => setDeviceId(device.id)} registered={wizard.data.registered.includes(device.id)} />
            ))}
          </fieldset>
        )}
        {unavailable.length > 0 && (
          <section className="group unavailable" aria-labelledby="unavailable-heading">
            <h2 id="unavailable-heading">{t('devices.unavailableHeading')}</h2>
            <ul>
              {unavailable.map((device) => (
                <li key={device.id}>
                  <span className="device-kind">{t(`kinds.${device.kind}`)}</span> <span className="device-name">{device.displayName}</span>
                  <span className="reason">{t(`reasons.${device.reason ?? 'no-serial'}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <fieldset className="group choices">
          <legend>{t('devices.actionLegend')}</legend>
          {(['new', 'update'] as const).map((value) => (
            <div key={value} className={action === value ? 'choice selected' : 'choice'}>
              <input id={`action-${value}`} type="radio" name="action" value={value} checked={action === value} onChange={() => setAction(value)} aria-describedby={`action-${value}-hint`} />
              <label htmlFor={`action-${value}`}>{value === 'new' ? t('devices.actionNew') : t('devices.actionUpdate')}</label>
              <p id={`action-${value}-hint`} className="hint">{value === 'new' ? t('devices.actionNewHint') : t('devices.actionUpdateHint')}</p>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <BusyButton busy={wizard.busy} type="button" className="button secondary" onClick={() => void wizard.rescan()}>{t('devices.rescan')}</BusyButton>
          <button type="submit" className="button primary" disabled={selectable.length === 0}>{t('common.continue')}</button>
        </div>
      </form>
    </section>
  );
}
