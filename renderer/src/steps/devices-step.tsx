import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScannedDevice } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { deviceLabel } from '../wizard/device-label';
import { useWizard } from '../wizard/wizard-context';
import { defaultAction, isRegistered, preselectedDevice, preselectedDevices, registersKind, registrableDevices } from '../wizard/wizard-machine';
import type { WizardData } from '../wizard/wizard-types';

const inputId = (device: ScannedDevice) => `device-${device.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** One device as a card: kind, its one name, model number and serial, and its status when known. */
export function DeviceCard({ device, type, checked, onChange, status, disabled = false, hint, action }: {
  device: ScannedDevice;
  type: 'checkbox' | 'radio';
  checked: boolean;
  onChange: () => void;
  status?: { text: string; tone: 'registered' | 'new' } | undefined;
  disabled?: boolean;
  hint?: string | undefined;
  /** A way on for this device alone (a registered one: "not registered by you?"). */
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = inputId(device);
  const label = deviceLabel(device);
  return (
    <div className={['device-card', checked ? 'selected' : '', disabled ? 'disabled' : ''].filter(Boolean).join(' ')}>
      <input id={id} type={type} name="device" value={device.id} checked={checked} disabled={disabled} onChange={onChange} aria-describedby={`${id}-facts`} />
      <label htmlFor={id}>
        <span className="device-kind">{t(`kinds.${device.kind}`)}</span>
        <span className="device-name">{label.title}</span>
        {status && <span className={`badge badge-${status.tone}`}>{status.text}</span>}
      </label>
      <p id={`${id}-facts`} className="device-facts">
        {label.modelNumber !== undefined && <>{t('devicePage.modelNumber')} <span className="mono">{label.modelNumber}</span> · </>}
        {t('devicePage.serial')} <span className="mono">{device.serial ?? t('devices.noSerial')}</span>
        {hint !== undefined && <span className="device-hint">{hint}</span>}
      </p>
      {action}
    </div>
  );
}

/** A device's status as the card shows it: from the host (or this session), nothing when unknown. */
export function useStatusBadge(data: WizardData) {
  const { t } = useTranslation();
  return (device: ScannedDevice): { text: string; tone: 'registered' | 'new' } | undefined => {
    if (isRegistered(data, device.id)) return { text: t('devicePage.status.registered'), tone: 'registered' };
    if (data.deviceStatuses?.[device.id] === 'unregistered') return { text: t('devicePage.status.unregistered'), tone: 'new' };
    return undefined;
  };
}

/** Devices found but not offered: kinds the maker does not register, and devices that cannot be identified. */
function OtherDevices({ devices, data }: { devices: readonly ScannedDevice[]; data: WizardData }) {
  const { t } = useTranslation();
  if (devices.length === 0) return null;
  const reason = (device: ScannedDevice) => {
    if (!device.identifiable) return t(`reasons.${device.reason ?? 'no-serial'}`);
    if (!registersKind(data, device.kind)) return t('devicePage.notMakerKind');
    return t('devicePage.hostNotIdentifiable');
  };
  return (
    <details className="group other-devices">
      <summary>{t('devicePage.others', { count: devices.length })}</summary>
      <p className="hint">{t('devicePage.othersLead')}</p>
      <ul>
        {devices.map((device) => (
          <li key={device.id}>
            <span className="device-kind">{t(`kinds.${device.kind}`)}</span> <span className="device-name">{deviceLabel(device).title}</span>
            <span className="reason">{reason(device)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The scan's result (issue #12 item 6, #9): the choice first, the devices the maker registers (the
 * PC on top) with their status, everything else folded away, and the actions kept in reach.
 */
export function DevicesStep() {
  const { t } = useTranslation();
  const wizard = useWizard();
  const { data } = wizard;
  const devices = data.scan?.devices ?? [];
  const offered = [...registrableDevices(data)].sort((a, b) => Number(b.kind === 'pc') - Number(a.kind === 'pc'));
  const others = devices.filter((d) => !offered.includes(d));
  const registeredOnes = offered.filter((d) => isRegistered(data, d.id));
  const signInChoices = registeredOnes.length > 0 ? registeredOnes : offered;
  const offline = data.offline !== undefined;
  const badge = useStatusBadge(data);

  // Signing in needs the host: offline, only a new registration (saved for later) is offered.
  const [action, setAction] = useState(offline ? 'new' : defaultAction(data));
  const [checked, setChecked] = useState<string[]>(preselectedDevices(data));
  const [signInWith, setSignInWith] = useState<string | undefined>(() => {
    const chosen = data.deviceId;
    if (chosen !== undefined && signInChoices.some((d) => d.id === chosen)) return chosen;
    return (signInChoices.find((d) => d.kind === 'pc') ?? signInChoices[0])?.id ?? preselectedDevice(data);
  });
  const [missing, setMissing] = useState(false);

  const notMine = (deviceId: string) => (
    <button type="button" className="button link not-mine" onClick={() => wizard.openRegisteredDevice(deviceId)}>{t('devicePage.notMine')}</button>
  );

  const toggle = (id: string) => {
    setMissing(false);
    if (offline) return setChecked([id]);
    setChecked((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));
  };

  return (
    <section className="step devices-step">
      <PageHeading>{t('devicePage.heading')}</PageHeading>
      <p className="lead">{offline ? t('devicePage.leadOffline') : t('devicePage.lead')}</p>
      {offline && <Alert tone="info" title={t('devices.offlineTitle')}><p>{t('devices.offlineBody')}</p><p>{t('devicePage.offlineOne')}</p><p>{t('devicePage.offlineNoUpdate')}</p></Alert>}
      {data.scanError && <Alert>{t('errors.generic')}</Alert>}
      {data.statusesUnknown === true && !offline && <Alert tone="info"><p>{t('devicePage.statusesUnknown')}</p></Alert>}
      {missing && <Alert>{action === 'new' ? t('devicePage.chooseAtLeastOne') : t('devicePage.chooseOne')}</Alert>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (action === 'update') {
            if (signInWith === undefined) return setMissing(true);
            return wizard.choose(signInWith, 'update');
          }
          // Scan order with the PC first: the PC opens the registration, the peripherals join its number.
          const chosen = offered.filter((d) => checked.includes(d.id) && !isRegistered(data, d.id)).map((d) => d.id);
          if (chosen.length === 0) return setMissing(true);
          wizard.chooseMany(chosen);
        }}
      >
        <fieldset className="group choices choices-inline">
          <legend>{t('devicePage.actionLegend')}</legend>
          {(offline ? (['new'] as const) : (['new', 'update'] as const)).map((value) => (
            <div key={value} className={action === value ? 'choice selected' : 'choice'}>
              <input id={`action-${value}`} type="radio" name="action" value={value} checked={action === value} onChange={() => { setAction(value); setMissing(false); }} aria-describedby={`action-${value}-hint`} />
              <label htmlFor={`action-${value}`}>{value === 'new' ? t('devicePage.actionNew') : t('devicePage.actionUpdate')}</label>
              <p id={`action-${value}-hint`} className="hint">{value === 'new' ? t('devicePage.actionNewHint') : t('devicePage.actionUpdateHint')}</p>
            </div>
          ))}
        </fieldset>
        {offered.length === 0 ? (
          <Alert tone="info">{t('devicePage.none')}</Alert>
        ) : action === 'new' ? (
          <fieldset className="group devices" aria-describedby="selected-count">
            <legend>{t('devicePage.newLegend')}</legend>
            {offered.map((device) => {
              const registered = isRegistered(data, device.id);
              return (
                <DeviceCard
                  key={device.id}
                  device={device}
                  type={offline ? 'radio' : 'checkbox'}
                  checked={!registered && checked.includes(device.id)}
                  disabled={registered}
                  hint={registered ? t('devicePage.registeredHint') : undefined}
                  action={registered && !offline ? notMine(device.id) : undefined}
                  status={badge(device)}
                  onChange={() => toggle(device.id)}
                />
              );
            })}
          </fieldset>
        ) : (
          <fieldset className="group devices">
            <legend>{t('devicePage.updateLegend')}</legend>
            {signInChoices.map((device) => (
              <DeviceCard
                key={device.id}
                device={device}
                type="radio"
                checked={signInWith === device.id}
                status={badge(device)}
                action={isRegistered(data, device.id) && !offline ? notMine(device.id) : undefined}
                onChange={() => { setSignInWith(device.id); setMissing(false); }}
              />
            ))}
          </fieldset>
        )}
        <OtherDevices devices={others} data={data} />
        <div className="actions sticky-actions">
          {action === 'new' && offered.length > 0 && (
            <p id="selected-count" className="selected-count" aria-live="polite">{t('devicePage.selected', { count: checked.filter((id) => !isRegistered(data, id)).length })}</p>
          )}
          <BusyButton busy={wizard.busy} type="button" className="button secondary" onClick={() => void wizard.rescan()}>{t('devices.rescan')}</BusyButton>
          <button type="submit" className="button primary" disabled={offered.length === 0}>{t('common.continue')}</button>
        </div>
      </form>
    </section>
  );
}
