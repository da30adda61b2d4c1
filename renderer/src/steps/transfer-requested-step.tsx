import { useTranslation } from 'react-i18next';
import type { RememberedTransfer } from '../../../protocol';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';

/** A transfer was asked for: what happens next, and that the first page shows its status on every launch. */
export function TransferRequestedStep({ transfer }: { transfer: RememberedTransfer }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const device = t(`kindsLower.${transfer.device.kind}`);
  return (
    <section className="step">
      <PageHeading>{t('transfer.heading')}</PageHeading>
      <p className="lead">{t('transfer.lead', { device })}</p>
      <dl className="facts">
        <div><dt>{t('transfer.status')}</dt><dd data-testid="transfer-status">{t(`transfer.statuses.${transfer.status}`)}</dd></div>
      </dl>
      <h2>{t('transfer.nextHeading')}</h2>
      <ol className="points">
        <li>{t('transfer.next1')}</li>
        <li>{t('transfer.next2')}</li>
        <li>{t('transfer.next3', { device })}</li>
      </ol>
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => wizard.restart()}>{t('duplicate.another')}</button>
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('success.finish')}</button>
      </div>
    </section>
  );
}
