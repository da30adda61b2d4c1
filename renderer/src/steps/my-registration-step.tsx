import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopError, LookupResult, RegisteredDevice } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';
import { lifeErrorText } from './life-error';

type Saved = { tone: 'success' | 'info' | 'error'; text: string };

/** One device with "release", asked once more in place before anything happens. */
function DeviceRow({ device, onRelease }: { device: RegisteredDevice; onRelease: (id: string) => Promise<DesktopError | null> }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<DesktopError | null>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const kind = t(`kindsLower.${device.kind}`);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(device.registeredAt));
  return (
    <li className="card" data-testid="registered-device">
      <p className="device-line"><strong>{t(`kinds.${device.kind}`)}</strong> {device.vendor} {device.model}</p>
      <p className="hint">
        {t('review.serial')}: <span className="mono">{device.serial ?? t('devices.noSerial')}</span> · {t('mine.registeredOn', { date })}
      </p>
      {asking ? (
        <section className="confirm" aria-labelledby={`release-${device.id}`}>
          <h3 id={`release-${device.id}`} ref={confirmRef} tabIndex={-1}>{t('mine.releaseTitle', { device: kind })}</h3>
          <p>{t('mine.releaseBody')}</p>
          {error && <Alert>{lifeErrorText(t, error, i18n.language)}</Alert>}
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setAsking(false);
                setError(null);
                requestAnimationFrame(() => openRef.current?.focus());
              }}
            >
              {t('common.cancel')}
            </button>
            <BusyButton busy={wizard.busy} type="button" className="button danger" onClick={() => void onRelease(device.id).then(setError)}>
              {t('mine.releaseConfirm')}
            </BusyButton>
          </div>
        </section>
      ) : (
        <button ref={openRef} type="button" className="button secondary" onClick={() => setAsking(true)}>{t('mine.release', { device: kind })}</button>
      )}
    </li>
  );
}

/** "My registration" after sign-in: its devices (release one), a copy of my data, and the way to delete it all. */
export function MyRegistrationStep({ lookup, released }: { lookup: LookupResult; released?: RegisteredDevice | undefined }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [saved, setSaved] = useState<Saved | null>(null);
  const download = async () => {
    const result = await wizard.life.exportData();
    if (!result.ok) {
      if (result.error.code === 'NO_SESSION' || result.error.code === 'INVALID_TOKEN') return;
      setSaved({ tone: 'error', text: result.error.code === 'SAVE_FAILED' ? t('mine.saveFailed') : lifeErrorText(t, result.error, i18n.language) });
      return;
    }
    setSaved(result.value.saved ? { tone: 'success', text: t('mine.downloaded', { path: result.value.path }) } : { tone: 'info', text: t('mine.cancelled') });
  };
  return (
    <section className="step">
      <PageHeading>{t('mine.heading')}</PageHeading>
      <p className="lead">{t('mine.number', { number: lookup.registrationNumber })}</p>
      {released && (
        <div data-testid="released">
          <Alert tone="success">{t('mine.released', { device: t(`kinds.${released.kind}`), model: released.model })}</Alert>
        </div>
      )}

      <h2>{t('mine.devicesHeading')}</h2>
      {lookup.devices.length === 0 ? (
        <p>{t('mine.none')}</p>
      ) : (
        <ul className="registered-devices">
          {lookup.devices.map((device) => (
            <DeviceRow key={device.id} device={device} onRelease={(id) => wizard.life.releaseDevice(id)} />
          ))}
        </ul>
      )}

      <h2>{t('mine.dataHeading')}</h2>
      <p>{t('mine.dataBody')}</p>
      <div className="actions start">
        <BusyButton busy={wizard.busy} type="button" className="button secondary" onClick={() => void download()}>{t('mine.download')}</BusyButton>
      </div>
      <div aria-live="polite" data-testid="saved-message">{saved && <Alert tone={saved.tone}><p className="break">{saved.text}</p></Alert>}</div>

      <h2>{t('mine.deleteHeading')}</h2>
      <p>{t('mine.deleteBody')}</p>
      <div className="actions start">
        <button type="button" className="button danger-outline" onClick={() => wizard.life.startErase()}>{t('mine.deleteOpen')}</button>
      </div>

      <div className="actions">
        <button type="button" className="button secondary" onClick={() => wizard.life.openDetails()}>{t('mine.details')}</button>
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('success.finish')}</button>
      </div>
    </section>
  );
}
