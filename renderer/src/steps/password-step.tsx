import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopError } from '../../../protocol';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { useWizard } from '../wizard/wizard-context';

/** Says what went wrong with a password: tries left, or when the lock lifts. */
function usePasswordError(error: DesktopError | null): string | null {
  const { t, i18n } = useTranslation();
  if (error === null) return null;
  if (error.code === 'TOO_MANY_ATTEMPTS') {
    const seconds = error.retryAfterSeconds ?? 900;
    const time = new Date(Date.now() + seconds * 1000).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
    return t('password.locked', { time, minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (error.code === 'INVALID_CREDENTIALS') {
    return error.attemptsRemaining !== undefined ? t('password.wrong', { count: error.attemptsRemaining }) : t('password.wrongNoCount');
  }
  if (error.code === 'INVALID_ARGUMENT') return t('validation.required');
  return t('errors.generic');
}

/** Update, first step: the password that proves this registration is the customer's. */
export function PasswordStep() {
  const { t } = useTranslation();
  const wizard = useWizard();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<DesktopError | null>(null);
  const message = usePasswordError(error);
  const locked = error?.code === 'TOO_MANY_ATTEMPTS';
  // From the first wrong password, and from the lockout, the way out is a new password by e-mail.
  const offerRecovery = wizard.data.form?.recovery === true && (locked || error?.code === 'INVALID_CREDENTIALS');
  const device = t(`kindsLower.${wizard.device?.kind ?? 'other'}`);
  return (
    <section className="step">
      <PageHeading>{t('password.heading')}</PageHeading>
      <p className="lead">{t('password.lead', { device })}</p>
      <form
        noValidate
        className="form narrow"
        onSubmit={(event) => {
          event.preventDefault();
          if (password === '') {
            setError({ code: 'INVALID_ARGUMENT', message: 'required' });
            return;
          }
          void wizard.lookup(password).then((result) => {
            setError(result);
            if (result !== null) setPassword('');
          });
        }}
      >
        <div className={message ? 'field has-error' : 'field'}>
          <label htmlFor="lookup-password">{t('password.label')}</label>
          <input
            id="lookup-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'lookup-password-error' : undefined}
          />
          <p id="lookup-password-error" className="field-error" role="alert">{message ?? ''}</p>
          {offerRecovery && (
            <p className="forgot">
              <button type="button" className="button link" onClick={() => wizard.life.forgotPassword()}>{t('forgot.link')}</button>
            </p>
          )}
        </div>
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => wizard.goto({ name: 'devices' })}>{t('common.back')}</button>
          <BusyButton busy={wizard.busy} type="submit" disabled={locked}>{t('password.submit')}</BusyButton>
        </div>
      </form>
      <p className="aside">
        {t('password.notRegistered')}{' '}
        <button type="button" className="button link" onClick={() => wizard.data.deviceId && wizard.choose(wizard.data.deviceId, 'new')}>{t('password.registerInstead')}</button>
      </p>
    </section>
  );
}
