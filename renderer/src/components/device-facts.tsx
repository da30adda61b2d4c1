import { useTranslation } from 'react-i18next';
import type { ScannedDevice } from '../../../protocol';
import { deviceLabel } from '../wizard/device-label';

/** A device's identifiers as read from the machine: shown, never editable; the same one name as on the device page. */
export function DeviceFacts({ device }: { device: ScannedDevice }) {
  const { t } = useTranslation();
  const label = deviceLabel(device);
  return (
    <dl className="facts">
      <div><dt>{t('review.kind')}</dt><dd>{t(`kinds.${device.kind}`)}</dd></div>
      <div><dt>{t('review.model')}</dt><dd>{label.title}</dd></div>
      {label.modelNumber !== undefined && <div><dt>{t('devicePage.modelNumber')}</dt><dd className="mono">{label.modelNumber}</dd></div>}
      <div><dt>{t('review.serial')}</dt><dd className="mono">{device.serial ?? t('devices.noSerial')}</dd></div>
      {device.hardwareUuid !== undefined && <div><dt>{t('review.uuid')}</dt><dd className="mono">{device.hardwareUuid}</dd></div>}
    </dl>
  );
}

/** The devices of one pass, one line each (name, model number, serial): the review of several devices. */
export function PassDevices({ devices }: { devices: readonly ScannedDevice[] }) {
  const { t } = useTranslation();
  return (
    <ul className="pass-devices">
      {devices.map((device) => {
        const label = deviceLabel(device);
        return (
          <li key={device.id}>
            <span className="device-kind">{t(`kinds.${device.kind}`)}</span> <span className="device-name">{label.title}</span>
            <span className="device-facts">
              {label.modelNumber !== undefined && <>{t('devicePage.modelNumber')} <span className="mono">{label.modelNumber}</span> · </>}
              {t('review.serial')} <span className="mono">{device.serial ?? t('devices.noSerial')}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
