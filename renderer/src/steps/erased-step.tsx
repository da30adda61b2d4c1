import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';

/** The registration is gone: say so plainly. */
export function ErasedStep() {
  const { t } = useTranslation();
  return (
    <section className="step">
      <PageHeading>{t('erase.doneHeading')}</PageHeading>
      <p className="lead">{t('erase.doneLead')}</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('common.close')}</button>
      </div>
    </section>
  );
}
