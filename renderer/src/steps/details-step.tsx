import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components/alert';
import { PageHeading } from '../../shared/components/page-heading';
import { CustomerForm } from '../forms/customer-form';
import { emptyDetails } from '../forms/details-schema';
import { useWizard } from '../wizard/wizard-context';
import type { FieldError, OutboxEntry } from '../../../protocol';
import { OutcomeReasons } from './outcome-reasons';

/** The country a new form starts with: Japan for Japanese, else the OS region when we list it. */
export function defaultCountry(language: string): string {
  if (language.startsWith('ja')) return 'JP';
  const region = /[-_]([A-Z]{2})$/.exec(navigator.language)?.[1];
  return region && ['US', 'GB', 'DE', 'FR', 'CN', 'KR', 'TW', 'AU', 'CA', 'JP'].includes(region) ? region : 'JP';
}

/** New registration: personal information, password twice, privacy consent; after a refused saved registration, why it was refused. */
export function DetailsStep({ serverErrors, rejected }: { serverErrors?: FieldError[] | undefined; rejected?: OutboxEntry | undefined }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const defaults = wizard.data.values ?? emptyDetails(defaultCountry(i18n.language));
  return (
    <section className="step">
      <PageHeading>{t('details.heading')}</PageHeading>
      <p className="lead">{t('details.lead', { device: t(`kindsLower.${wizard.device?.kind ?? 'other'}`) })}</p>
      {rejected && (
        <Alert title={t('outbox.rejectedTitle', { device: t(`kindsLower.${rejected.device.kind}`) })}>
          <p>{t('outbox.rejectedBody')}</p>
          <OutcomeReasons error={rejected.error} />
          <p>{t('outbox.rejectedDetails')}</p>
        </Alert>
      )}
      <CustomerForm
        mode="new"
        form={wizard.data.form}
        defaultValues={defaults}
        serverErrors={serverErrors}
        busy={wizard.busy}
        submitLabel={t('details.review')}
        onSubmit={(output, values) => wizard.review(output, values)}
        onBack={(values) => wizard.keepDetails(values)}
      />
    </section>
  );
}
