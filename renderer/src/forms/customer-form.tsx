import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerField, FieldError, FormSettings } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { desktop } from '../desktop';
import { en } from '../i18n/en';
import { policyVersionLabel } from './policy-version';
import { detailsSchema, policiesOf, type DetailsOutput, type DetailsValues } from './details-schema';
import { errorText } from './error-text';
import { TextField } from './text-field';

const COUNTRIES = Object.keys(en.countries) as (keyof typeof en.countries)[];
const ORDER_JA: CustomerField[] = ['name', 'nameKana', 'country', 'postalCode', 'address', 'phone', 'email'];
const ORDER_EN: CustomerField[] = ['name', 'nameKana', 'email', 'phone', 'country', 'address', 'postalCode'];
const INPUT: Partial<Record<CustomerField, { type?: string; autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email' }>> = {
  name: { autoComplete: 'name' },
  nameKana: { autoComplete: 'off' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
  phone: { type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
  postalCode: { autoComplete: 'postal-code' },
  address: { autoComplete: 'street-address' },
};

type HintKey = keyof typeof en.details.hints;
/** Japanese examples only where the country is Japan; elsewhere a neutral hint. */
function hintKeyFor(field: CustomerField, japan: boolean): HintKey {
  if (field === 'address') return japan ? 'addressJa' : 'address';
  if (!japan && field === 'postalCode') return 'postalCodeOther';
  if (!japan && field === 'phone') return 'phoneOther';
  return field;
}

interface CustomerFormProps {
  mode: 'new' | 'edit';
  form: FormSettings | undefined;
  defaultValues: DetailsValues;
  serverErrors?: FieldError[] | undefined;
  busy: boolean;
  submitLabel: string;
  onSubmit: (output: DetailsOutput, values: DetailsValues) => void;
  /** Back (or cancel): receives what was typed so far, valid or not, so nothing typed is lost. */
  onBack?: ((values: DetailsValues) => void) | undefined;
  backLabel?: string | undefined;
  secondary?: ReactNode;
}

/**
 * The personal-information form for new registrations and corrections alike: fields as the
 * host's form says, Japanese order and furigana where they apply, errors inline and announced.
 */
export function CustomerForm({ mode, form, defaultValues, serverErrors, busy, submitLabel, onSubmit, onBack, backLabel, secondary }: CustomerFormProps) {
  const { t, i18n } = useTranslation();
  const policies = useMemo(() => policiesOf(form), [form]);
  const minPassword = Math.max(8, form?.passwordPolicy.minLength ?? 8);
  const schema = useMemo(() => detailsSchema(policies, minPassword, mode), [policies, minPassword, mode]);
  const { register, handleSubmit, setError, watch, getValues, trigger, formState } = useForm<DetailsValues, unknown, DetailsOutput>({
    resolver: zodResolver(schema) as unknown as Resolver<DetailsValues, unknown, DetailsOutput>,
    defaultValues,
    reValidateMode: 'onBlur',
  });
  const [submitted, setSubmitted] = useState(0);
  const [generalError, setGeneralError] = useState<string | null>(null);

  useEffect(() => {
    const general: string[] = [];
    for (const fieldError of serverErrors ?? []) {
      const path = fieldError.path.startsWith('customer.') || fieldError.path === 'password' ? fieldError.path : null;
      if (path === null) general.push(fieldError.message);
      else setError(path as FieldPath<DetailsValues>, { type: 'server', message: fieldError.message }, { shouldFocus: true });
    }
    setGeneralError(general.length > 0 ? t('errors.invalid') : null);
  }, [serverErrors, setError, t]);

  const country = watch('customer.country');
  const isJa = i18n.language === 'ja';
  const order = (isJa ? ORDER_JA : ORDER_EN).filter((field) => policies[field] !== 'hidden' && (field !== 'nameKana' || isJa || country === 'JP'));
  const errors = formState.errors;
  const values = watch();
  const message = (path: FieldPath<DetailsValues>, error: { message?: string | undefined } | undefined, value: string) =>
    error ? errorText(t, error.message, value.trim() === '' && path !== 'consent') : undefined;
  // The summary links every field in error, in page order, to the field itself.
  const summary = [
    ...order.flatMap((field) => {
      const text = message(`customer.${field}`, errors.customer?.[field], values.customer[field] ?? '');
      return text ? [{ id: `customer-${field}`, label: t(`details.fields.${field}`), text }] : [];
    }),
    ...(errors.password ? [{ id: 'password', label: mode === 'new' ? t('details.password') : t('details.newPassword'), text: message('password', errors.password, values.password) ?? '' }] : []),
    ...(errors.passwordConfirm ? [{ id: 'password-confirm', label: mode === 'new' ? t('details.passwordConfirm') : t('details.newPasswordConfirm'), text: errorText(t, errors.passwordConfirm.message, false) }] : []),
    ...(errors.consent ? [{ id: 'consent', label: t('details.privacyHeading'), text: t('validation.consent') }] : []),
  ];
  const errorCount = summary.length;

  return (
    <form
      noValidate
      className="form"
      onSubmit={(event) => {
        setSubmitted((n) => n + 1);
        void handleSubmit((output) => onSubmit(output, getValues()))(event);
      }}
    >
      {submitted > 0 && errorCount > 0 && (
        <Alert>
          <p>{t('common.errorsIntro', { count: errorCount })}</p>
          <ul className="error-summary">
            {summary.map((item) => (
              <li key={item.id}>
                <a
                  href={`#${item.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(item.id)?.focus();
                  }}
                >
                  {t('common.errorLink', { field: item.label, text: item.text })}
                </a>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {generalError !== null && <Alert>{generalError}</Alert>}
      <fieldset className="group">
        <legend>{t('details.personalLegend')}</legend>
        {order.map((field) => {
          const id = `customer-${field}`;
          const path = `customer.${field}` as const;
          const error = message(path, errors.customer?.[field], values.customer[field] ?? '');
          const isRequired = policies[field] === 'required' || field === 'name' || field === 'address' || field === 'country';
          const hintKey = hintKeyFor(field, country === 'JP');
          const hint = t(`details.hints.${hintKey}`) || undefined;
          if (field === 'country') {
            return (
              <TextField key={field} id={id} label={t('details.fields.country')} error={error} isRequired registration={register(path)}>
                <select id={id} {...register(path)} autoComplete="country" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
                  {COUNTRIES.map((code) => (
                    <option key={code} value={code}>{t(`countries.${code}`)}</option>
                  ))}
                </select>
              </TextField>
            );
          }
          return (
            <TextField
              key={field}
              id={id}
              label={t(`details.fields.${field}`)}
              hint={hint}
              error={error}
              isRequired={isRequired}
              registration={register(path)}
              {...INPUT[field]}
              {...(field === 'postalCode' && country === 'JP' ? { inputMode: 'numeric' as const, maxLength: 8, className: 'short' } : {})}
            />
          );
        })}
      </fieldset>
      <fieldset className="group">
        <legend>{mode === 'new' ? t('details.password') : t('details.newPassword')}</legend>
        <TextField
          id="password"
          type="password"
          autoComplete="new-password"
          label={mode === 'new' ? t('details.password') : t('details.newPassword')}
          hint={mode === 'new' ? t('details.passwordHint', { min: minPassword }) : t('details.newPasswordHint')}
          error={message('password', errors.password, values.password)}
          isRequired={mode === 'new'}
          registration={register('password')}
        />
        <TextField
          id="password-confirm"
          type="password"
          autoComplete="new-password"
          label={mode === 'new' ? t('details.passwordConfirm') : t('details.newPasswordConfirm')}
          error={errors.passwordConfirm ? errorText(t, errors.passwordConfirm.message, false) : undefined}
          isRequired={mode === 'new'}
          registration={register('passwordConfirm')}
        />
      </fieldset>
      {mode === 'new' && form && (
        <fieldset className="group">
          <legend>{t('details.privacyHeading')}</legend>
          <div className="privacy">
            <p>{t('details.privacyBody', { version: policyVersionLabel(form.privacyPolicy.version, i18n.language) })}</p>
            <button type="button" className="button link" onClick={() => void desktop().openPrivacyNotice()}>{t('details.openPrivacy')}</button>
          </div>
          <div className={errors.consent ? 'check has-error' : 'check'}>
            <input id="consent" type="checkbox" {...register('consent', { onChange: () => void (errors.consent && trigger('consent')) })} aria-invalid={errors.consent ? true : undefined} aria-describedby={errors.consent ? 'consent-error' : undefined} />
            <label htmlFor="consent">{t('details.consent')}</label>
          </div>
          {errors.consent && <p id="consent-error" className="field-error">{t('validation.consent')}</p>}
        </fieldset>
      )}
      <div className="actions">
        {onBack && <button type="button" className="button secondary" onClick={() => onBack(getValues())}>{backLabel ?? t('common.back')}</button>}
        {secondary}
        <BusyButton busy={busy} type="submit">{submitLabel}</BusyButton>
      </div>
    </form>
  );
}
