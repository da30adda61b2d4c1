import { useTranslation } from 'react-i18next';
import type { FieldError, LookupResult } from '../../../protocol';
import type { DetailsOutput } from '../forms/details-schema';
import { PageHeading } from '../../shared/components/page-heading';
import { CustomerForm } from '../forms/customer-form';
import { customerToValues } from '../forms/details-schema';
import { useWizard } from '../wizard/wizard-context';

/** Update: the stored information, in the same form, for correction. */
export function EditStep({ lookup, serverErrors, draft }: { lookup: LookupResult; serverErrors?: FieldError[] | undefined; draft?: DetailsOutput | undefined }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  return (
    <section className="step">
      <PageHeading>{t('details.editHeading')}</PageHeading>
      <p className="lead">{t('success.numberLabel', { number: lookup.registrationNumber })}</p>
      <p className="aside">
        <button type="button" className="button link" onClick={() => wizard.life.openMyRegistration()}>{t('mine.open')}</button>
      </p>
      <CustomerForm
        mode="edit"
        form={wizard.data.form}
        defaultValues={{ customer: customerToValues(draft?.customer ?? lookup.customer), password: draft?.password ?? '', passwordConfirm: draft?.passwordConfirm ?? '', consent: true }}
        serverErrors={serverErrors}
        busy={wizard.busy}
        submitLabel={t('details.save')}
        onSubmit={(output) => void wizard.update(output)}
        onBack={() => wizard.restart()}
        backLabel={t('common.cancel')}
      />
    </section>
  );
}
