import { useTranslation } from 'react-i18next';
import type { OperatorDevice } from '../../../protocol/operator-api';

/** A device in one line: kind, maker and model, serial in monospace (or that it has none). */
export function DeviceLine({ device }: { device: Pick<OperatorDevice, 'kind' | 'vendor' | 'model' | 'serial'> }) {
  const { t } = useTranslation();
  return (
    <span className="device-line">
      <span className="device-kind">{t(`kinds.${device.kind}`)}</span> {device.vendor} {device.model ?? ''}{' '}
      <span className="serial">{t('common.serialShort')} <span className="mono">{device.serial ?? t('common.none')}</span></span>
    </span>
  );
}
