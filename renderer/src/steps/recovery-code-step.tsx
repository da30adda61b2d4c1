import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DesktopError } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { errorText } from '../forms/error-text';
import { minPasswordLength, recoveryCodeSchema, type RecoveryCodeValues } from '../forms/lifecycle-schemas';
import { TextField } from '../forms/text-field';
import { useWizard } from '../wizard/wizard-context';
import { lifeErrorText } from './life-error';

/** Forgotten password, second step: the code from the mail and a new password; then an ordinary sign-in. */
export function RecoveryCodeStep({ email }: { email: string }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const min = minPasswordLength(wizard.data.form);
  const schema = useMemo(() => recoveryCodeSchema(min), [min]);
  const [error, setError] = useState<DesktopError | null>(null);
  const { register, handleSubmit, formState, resetField } = useForm<RecoveryCodeValues>({
    resolver: zodResolver(schema) as unknown as Resolver<RecoveryCodeValues>,
    defaultValues: { code: '', newPassword: '', newPasswordConfirm: '' },
    reValidateMode: 'onSubmit',
  });
  const errors = formState.errors;
  const codeError = errors.code?.message === 'bad code' ? t('recovery.badCode') : errors.code?.message ? errorText(t, errors.code.message, true) : undefined;
  const submit = handleSubmit(async ({ code, newPassword }) => {
    const refused = await wizard.life.confirmRecovery(code, newPassword);
    setError(refused);
    if (refused?.code === 'INVALID_CODE') resetField('code');
  });
  return (
    <section className="step">
      <PageHeading>{t('recovery.heading')}</PageHeading>
      <p className="lead">{t('recovery.lead', { email })}</p>
      {error && <Alert>{error.code === 'INVALID_CODE' ? t('recovery.wrongCode') : lifeErrorText(t, error, i18n.language)}</Alert>}
      <form noValidate className="form narrow" onSubmit={(event) => void submit(event)}>
        <TextField
          id="recovery-code"
          className="short mono"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          label={t('recovery.code')}
          hint={t('recovery.codeHint')}
          error={codeError}
          isRequired
          registration={register('code')}
        />
        <TextField
          id="recovery-password"
          type="password"
          autoComplete="new-password"
          label={t('recovery.newPassword')}
          hint={t('recovery.newPasswordHint', { min })}
          error={errors.newPassword?.message ? errorText(t, errors.newPassword.message, false) : undefined}
          isRequired
          registration={register('newPassword')}
        />
        <TextField
          id="recovery-password-confirm"
          type="password"
          autoComplete="new-password"
          label={t('recovery.newPasswordConfirm')}
          error={errors.newPasswordConfirm?.message ? errorText(t, errors.newPasswordConfirm.message, false) : undefined}
          isRequired
          registration={register('newPasswordConfirm')}
        />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => wizard.goto({ name: 'forgot-password', back: { name: 'password' } })}>{t('recovery.again')}</button>
          <BusyButton busy={wizard.busy} type="submit">{t('recovery.submit')}</BusyButton>
        </div>
      </form>
    </section>
  );
}
