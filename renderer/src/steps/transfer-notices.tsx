import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RememberedTransfer } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';

/** The welcome page's view of transfer requests this PC sent: the status the host gives now, and the way on. */
export function TransferNotices() {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [transfers, setTransfers] = useState<RememberedTransfer[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    let live = true;
    void desktop().getTransfers().then((result) => {
      if (live && result.ok) setTransfers(result.value);
    });
    return () => {
      live = false;
    };
  }, []);
  // The dismissed notice took the focus with it: hand it to the list's heading, or the page's.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (headingRef.current ?? document.querySelector<HTMLElement>('h1'))?.focus();
  }, [transfers]);

  const dismiss = async (id: string) => {
    const result = await desktop().dismissTransfer(id);
    refocus.current = true;
    if (result.ok) setTransfers(result.value);
  };

  if (transfers.length === 0) return null;
  return (
    <section className="outbox" aria-labelledby="transfers-heading">
      <h2 id="transfers-heading" ref={headingRef} tabIndex={-1}>{t('transfer.noticesHeading')}</h2>
      {transfers.map((transfer) => {
        const device = t(`kindsLower.${transfer.device.kind}`);
        const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(transfer.requestedAt));
        const free = transfer.status === 'approved' || transfer.status === 'expired';
        return (
          <Alert key={transfer.id} tone={free ? 'success' : transfer.status === 'declined' ? 'error' : 'info'} title={t('transfer.noticeTitle', { device, model: transfer.device.model || transfer.device.vendor, date })}>
            <p data-testid="transfer-notice-status">
              <strong>{t(`transfer.statuses.${transfer.status}`)}</strong>{t('transfer.separator')}
              {t(`transfer.${transfer.status}Body`, { device })}
            </p>
            {!transfer.fresh && <p>{t('transfer.stale')}</p>}
            <div className="alert-actions">
              {free && (
                <BusyButton busy={wizard.busy} type="button" className="button primary" onClick={() => void wizard.start()}>{t('transfer.registerNow')}</BusyButton>
              )}
              {transfer.status !== 'pending' && (
                <button type="button" className="button secondary" onClick={() => void dismiss(transfer.id)}>{t('transfer.dismiss')}</button>
              )}
            </div>
          </Alert>
        );
      })}
    </section>
  );
}
