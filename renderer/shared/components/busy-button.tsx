import type { ButtonHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button that says it is working and cannot be pressed twice. While busy it is aria-disabled,
 * not disabled, so the keyboard focus stays on it instead of falling to the page body.
 */
export function BusyButton({ busy, children, className = 'button primary', onClick, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean }) {
  const { t } = useTranslation();
  return (
    <button
      {...rest}
      className={className}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    >
      {busy ? t('common.working') : children}
    </button>
  );
}
