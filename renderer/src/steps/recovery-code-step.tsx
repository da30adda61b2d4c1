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
  // Which button the busy state belongs to, so only that one says "Working…".
  const [pressed, setPressed] = useState<'confirm' | 'resend'>('confirm');
  const resent = wizard.data.recoveryCodesResent ?? 0;
  const submit = handleSubmit(async ({ code, newPassword }) => {
    if (wizard.busy) return;
    setPressed('confirm');
    const refused = await wizard.life.confirmRecovery(code, newPassword);
    setError(refused);
    if (refused?.code === 'INVALID_CODE') resetField('code');
  });
  const resend = async () => {
    if (wizard.busy) return;
    setPressed('resend');
    const refused = await wizard.life.resendRecoveryCode();
    setError(refused);
    // The earlier code no longer works: its field empties, the new password typed stays.
    if (refused === null) resetField('code');
  };
  return (
    <section className="step">
      <PageHeading>{t('recovery.heading')}</PageHeading>
      <p className="lead">{t('recovery.lead', { email })}</p>
      {error && <Alert>{error.code === 'INVALID_CODE' ? t('recovery.wrongCode') : lifeErrorText(t, error, i18n.language)}</Alert>}
      <div aria-live="polite" data-testid="code-resent">
        {resent > 0 && error === null && <Alert key={resent} tone="success"><p className="break">{t('recovery.resent', { email })}</p></Alert>}
      </div>
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
          <BusyButton busy={wizard.busy && pressed === 'resend'} type="button" className="button secondary" onClick={() => void resend()}>{t('recovery.again')}</BusyButton>
          <BusyButton busy={wizard.busy && pressed === 'confirm'} type="submit">{t('recovery.submit')}</BusyButton>
        </div>
      </form>
      <p className="aside">
        <button type="button" className="button link" onClick={() => wizard.life.changeRecoveryEmail()}>{t('recovery.otherEmail')}</button>
      </p>
    </section>
  );
}
