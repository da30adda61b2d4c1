import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DesktopError, LookupResult } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { eraseConfirmationSchema, type EraseConfirmationValues } from '../forms/lifecycle-schemas';
import { errorText } from '../forms/error-text';
import { TextField } from '../forms/text-field';
import { useWizard } from '../wizard/wizard-context';
import { lifeErrorText } from './life-error';

/** Deleting the registration: exactly what goes and what stays, confirmed by typing the registration number. */
export function EraseStep({ lookup }: { lookup: LookupResult }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const number = lookup.registrationNumber;
  const schema = useMemo(() => eraseConfirmationSchema(number), [number]);
  const [error, setError] = useState<DesktopError | null>(null);
  const { register, handleSubmit, formState } = useForm<EraseConfirmationValues>({
    resolver: zodResolver(schema) as unknown as Resolver<EraseConfirmationValues>,
    defaultValues: { confirmation: '' },
    reValidateMode: 'onSubmit',
  });
  const typed = formState.errors.confirmation?.message;
  const count = lookup.devices.length;
  return (
    <section className="step">
      <PageHeading>{t('erase.heading')}</PageHeading>
      <p className="lead">{t('erase.lead')}</p>
      <ul className="erase-list" data-testid="erase-list">
        <li>{t('erase.item1')}</li>
        <li>{t('erase.item2')}</li>
        {count > 0 && <li>{t('erase.item3', { count })}</li>}
        <li>{t('erase.item4', { number })}</li>
      </ul>
      <p>{t('erase.kept')}</p>
      <p className="confirm-number">
        {t('erase.yourNumber')} <strong className="mono nowrap">{number}</strong>
      </p>
      {error && <Alert>{lifeErrorText(t, error, i18n.language)}</Alert>}
      <form noValidate className="form narrow" onSubmit={(event) => void handleSubmit(async ({ confirmation }) => setError(await wizard.life.erase(confirmation)))(event)}>
        <TextField
          id="erase-confirmation"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          label={t('erase.confirmLabel')}
          hint={t('erase.confirmHint')}
          error={typed === 'does not match' ? t('erase.mismatch') : typed ? errorText(t, typed, true) : undefined}
          isRequired
          registration={register('confirmation')}
        />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => wizard.life.openMyRegistration()}>{t('common.cancel')}</button>
          <BusyButton busy={wizard.busy} type="submit" className="button danger">{t('erase.submit')}</BusyButton>
        </div>
      </form>
    </section>
  );
}
