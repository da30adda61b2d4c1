import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/components/page-heading';

/** Visible progress while the main process reads the machine and the host's form. */
export function ScanningStep() {
  const { t } = useTranslation();
  return (
    <section className="step">
      <PageHeading>{t('scanning.heading')}</PageHeading>
      <div className="scanning" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <p>{t('scanning.status')}</p>
      </div>
      <progress className="progress" aria-label={t('scanning.status')} />
    </section>
  );
}
