import { useTranslation } from 'react-i18next';
import type { ScannedDevice } from '../../../protocol';

/** A device's identifiers as read from the machine: shown, never editable. */
export function DeviceFacts({ device }: { device: ScannedDevice }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div><dt>{t('review.kind')}</dt><dd>{t(`kinds.${device.kind}`)}</dd></div>
      <div><dt>{t('review.vendor')}</dt><dd>{device.vendor}</dd></div>
      <div><dt>{t('review.model')}</dt><dd>{device.model || t('review.notProvided')}</dd></div>
      <div><dt>{t('review.serial')}</dt><dd className="mono">{device.serial ?? t('devices.noSerial')}</dd></div>
      {device.hardwareUuid !== undefined && <div><dt>{t('review.uuid')}</dt><dd className="mono">{device.hardwareUuid}</dd></div>}
    </dl>
  );
}
