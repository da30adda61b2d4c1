import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../protocol';
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
        </li>
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
