import type { InputHTMLAttributes, ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  isRequired: boolean;
  registration: UseFormRegisterReturn;
  children?: ReactNode;
}

/** A labelled input whose hint and error are tied to it, so screen readers read them together. */
export function TextField({ id, label, hint, error, isRequired, registration, children, ...input }: TextFieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label} <span className={isRequired ? 'tag tag-required' : 'tag'}>{isRequired ? t('common.required') : t('common.optional')}</span>
      </label>
      {hint && <p id={hintId} className="hint">{hint}</p>}
      {children ?? <input id={id} {...input} {...registration} aria-required={isRequired} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />}
      {error && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}
