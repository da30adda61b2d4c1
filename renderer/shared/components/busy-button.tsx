import type { ButtonHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** A button that says it is working and cannot be pressed twice. */
export function BusyButton({ busy, children, className = 'button primary', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean }) {
  const { t } = useTranslation();
  return (
    <button {...rest} className={className} disabled={busy || rest.disabled} aria-busy={busy || undefined}>
      {busy ? t('common.working') : children}
    </button>
  );
}
