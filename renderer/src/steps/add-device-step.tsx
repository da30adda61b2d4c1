import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopError } from '../../../protocol';
import { desktop } from '../desktop';
import type { Screen } from '../wizard/wizard-types';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { useWizard } from '../wizard/wizard-context';
import { addableDevices } from '../wizard/wizard-machine';
import { DeviceCard, useStatusBadge } from './devices-step';

/** A peripheral added to the same registration number, without typing anything again. */
export function AddDeviceStep({ error, back }: { error?: DesktopError | undefined; back?: Screen | undefined }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const number = wizard.data.registrationNumber ?? '';
  const candidates = addableDevices(wizard.data);
  const [deviceId, setDeviceId] = useState(candidates.find((d) => !wizard.data.declined.includes(d.id))?.id);
  const badge = useStatusBadge(wizard.data);
  // The access token lapsed: the password, asked again for a device already on this registration, renews it.
  const expired = error?.code === 'NO_SESSION' || error?.code === 'INVALID_TOKEN';
  const signedInWith = wizard.data.registered[0];
  const leave = (
    <>
      {back && <button type="button" className="button secondary" onClick={() => wizard.goto(back)}>{t('common.back')}</button>}
      <button type="button" className="button secondary" onClick={() => void desktop().close()}>{t('success.finish')}</button>
    </>
  );
  return (
    <section className="step">
      <PageHeading>{t('addDevice.heading')}</PageHeading>
      <p className="lead">{t('addDevice.lead', { number })}</p>
      {error && <Alert>{expired ? t('errors.session') : t('errors.generic')}</Alert>}
      {expired && signedInWith !== undefined && (
        <button type="button" className="button secondary" onClick={() => wizard.choose(signedInWith, 'update')}>{t('password.heading')}</button>
      )}
      {candidates.length === 0 ? (
        <>
          <Alert tone="info">{t('addDevice.none')}</Alert>
          <div className="actions">{leave}</div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (deviceId) void wizard.addDevice(deviceId);
          }}
        >
          <fieldset className="group devices">
            <legend>{t('devices.listLabel')}</legend>
            {candidates.map((device) => (
              <DeviceCard key={device.id} device={device} type="radio" checked={deviceId === device.id} onChange={() => setDeviceId(device.id)} status={badge(device)} />
            ))}
          </fieldset>
          <div className="actions">
            {leave}
            <BusyButton busy={wizard.busy} type="submit">{t('addDevice.submit')}</BusyButton>
          </div>
        </form>
      )}
    </section>
  );
}
