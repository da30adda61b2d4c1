import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopError, OutboxEntry } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { lifeErrorText } from './life-error';
import { DeviceFacts } from '../components/device-facts';
import { PageHeading } from '../../shared/components/page-heading';
import { useWizard } from '../wizard/wizard-context';
import { savedAt } from './settled-notice';

/** Already registered: a plain explanation (never whose), and the three ways on; also the outcome of a saved registration. */
export function DuplicateStep({ matchedOn, entry }: { matchedOn?: 'serial' | 'hardwareUuid' | undefined; entry?: OutboxEntry | undefined }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [support, setSupport] = useState(false);
  const device = t(`kindsLower.${wizard.device?.kind ?? 'other'}`);
  const [transferError, setTransferError] = useState<DesktopError | null>(null);
  const recovery = wizard.data.form?.recovery === true;
  const transfers = wizard.data.form?.transfers !== false;
  return (
    <section className="step">
      <PageHeading>{t('duplicate.heading', { device })}</PageHeading>
      <div role="alert" className="alert alert-error">
        <p>{t('duplicate.lead', { device })}</p>
        {matchedOn && <p>{t(`duplicate.matched_${matchedOn}`)}</p>}
        {entry && (
          <p>{t('outbox.duplicateNote', { date: savedAt(entry, i18n.language) })}</p>
        )}
      </div>
      <p>{t('duplicate.privacy')}</p>
      <h2>{t('duplicate.waysHeading')}</h2>
      <ul className="ways">
        <li>
          <button type="button" className="button primary" aria-describedby="update-hint" onClick={() => wizard.data.deviceId && wizard.choose(wizard.data.deviceId, 'update')}>
            {t('duplicate.update')}
          </button>
          <p id="update-hint" className="hint">{t('duplicate.updateHint')}</p>
          {recovery && (
            <p className="forgot">
              <button type="button" className="button link" onClick={() => wizard.life.forgotPassword()}>{t('forgot.link')}</button>
            </p>
          )}
        </li>
        {transfers && (
          <li>
            <BusyButton
              busy={wizard.busy}
              type="button"
              className="button secondary"
              aria-describedby="transfer-hint"
              onClick={() => void wizard.life.requestTransfer(i18n.language === 'ja' ? 'ja' : 'en').then(setTransferError)}
            >
              {t('transfer.ask')}
            </BusyButton>
            <p id="transfer-hint" className="hint">{t('transfer.askHint')}</p>
            {transferError && <Alert>{transferError.code === 'NOT_FOUND' ? t('transfer.unavailable') : lifeErrorText(t, transferError, i18n.language)}</Alert>}
          </li>
        )}
        <li>
          <button type="button" className="button secondary" onClick={() => wizard.restart()}>{t('duplicate.another')}</button>
        </li>
        <li>
          <button type="button" className="button secondary" aria-expanded={support} aria-controls="support-info" onClick={() => setSupport((s) => !s)}>
            {t('duplicate.support')}
          </button>
          <div id="support-info" className="support" hidden={!support}>
            <p>{t('duplicate.supportBody')}</p>
            {wizard.device && <DeviceFacts device={wizard.device} />}
          </div>
        </li>
      </ul>
    </section>
  );
}
