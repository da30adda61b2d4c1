import type { ReactNode } from 'react';

/** A message screen readers announce at once (role=alert); tone only changes the colour. */
export function Alert({ tone = 'error', title, children }: { tone?: 'error' | 'info' | 'success'; title?: string; children?: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`alert alert-${tone}`}>
      {title !== undefined && <p className="alert-title">{title}</p>}
      {children}
    </div>
  );
}
