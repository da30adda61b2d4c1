import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DesktopError } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { errorText } from '../forms/error-text';
import { recoveryEmailSchema, type RecoveryEmailValues } from '../forms/lifecycle-schemas';
import { TextField } from '../forms/text-field';
import { useWizard } from '../wizard/wizard-context';
import type { Screen } from '../wizard/wizard-types';
import { lifeErrorText } from './life-error';

/** Forgotten password, first step: the e-mail on record, to which the host sends a code (it never says whether it matched). */
export function ForgotPasswordStep({ back, email }: { back: Screen; email?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [error, setError] = useState<DesktopError | null>(null);
  const { register, handleSubmit, formState } = useForm<RecoveryEmailValues>({ resolver: zodResolver(recoveryEmailSchema), defaultValues: { email: email ?? '' }, reValidateMode: 'onSubmit' });
  const device = t(`kindsLower.${wizard.device?.kind ?? 'other'}`);
  const fieldError = formState.errors.email?.message;
  return (
    <section className="step">
      <PageHeading>{t('forgot.heading')}</PageHeading>
      <p className="lead">{t('forgot.lead', { device })}</p>
      {error && <Alert>{error.code === 'RECOVERY_UNAVAILABLE' ? t('forgot.unavailable') : lifeErrorText(t, error, i18n.language)}</Alert>}
      <form noValidate className="form narrow" onSubmit={(event) => void handleSubmit(async ({ email }) => setError(await wizard.life.requestRecovery(email)))(event)}>
        <TextField
          id="recovery-email"
          type="email"
          autoComplete="email"
          inputMode="email"
          label={t('forgot.email')}
          hint={t('forgot.emailHint')}
          error={fieldError ? errorText(t, fieldError, false) : undefined}
          isRequired
          registration={register('email')}
        />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => wizard.goto(back)}>{t('common.back')}</button>
          <BusyButton busy={wizard.busy} type="submit">{t('forgot.send')}</BusyButton>
        </div>
      </form>
      <p className="aside">{t('forgot.noEmail', { device })}</p>
    </section>
  );
}
