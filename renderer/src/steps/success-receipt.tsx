import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationCreated, ScannedDevice } from '../../../protocol';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { deviceLabel } from '../wizard/device-label';
import { useWizard } from '../wizard/wizard-context';

/** The receipt's facts in the customer's language: number, device and date only, never personal details. */
export function receiptFacts(t: (key: string, options?: Record<string, unknown>) => string, created: RegistrationCreated, language: string, scanned?: ScannedDevice): string[] {
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(created.registeredAt));
  // The device's one name, as on every other page; the model number as a detail where it adds something.
  const { vendor, model } = created.device;
  const label = deviceLabel(scanned ?? { vendor, model, displayName: `${vendor} ${model}`.trim(), source: 'manual' });
  // The kind first ("Printer Canon …"), unless the name already says it ("… LBP-1120 Printer").
  const kind = t(`kinds.${created.device.kind}`);
  const device = label.title.toLowerCase().includes(kind.toLowerCase()) ? label.title : `${kind} ${label.title}`;
  return [
    `${t('success.number')}${t('receipt.sep')}${created.registrationNumber}`,
    `${t('receipt.device')}${t('receipt.sep')}${device}`,
    ...(label.modelNumber !== undefined ? [`${t('devicePage.modelNumber')}${t('receipt.sep')}${label.modelNumber}`] : []),
    ...(created.device.serial ? [`${t('review.serial')}${t('receipt.sep')}${created.device.serial}`] : []),
    `${t('receipt.registeredAt')}${t('receipt.sep')}${when}`,
  ];
}

/**
 * The success page's receipt: that a confirmation mail was sent (`mailedTo`, decided by the wizard's
 * machine: mail configured and an address on record), and save / print.
 */
export function SuccessReceipt({ created, mailedTo }: { created: RegistrationCreated; mailedTo?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const wizard = useWizard();
  const [saved, setSaved] = useState<{ tone: 'success' | 'info' | 'error'; text: string } | null>(null);
  const scanned = wizard.data.scan?.devices.find((d) => d.kind === created.device.kind && d.serial !== null && d.serial === created.device.serial);
  const facts = receiptFacts(t, created, i18n.language, scanned);
  const save = async () => {
    const result = await wizard.life.saveReceipt(created.registrationNumber, [t('receipt.title'), '', ...facts, '', t('success.keep'), t('receipt.support')].join('\n'));
    if (!result.ok) setSaved({ tone: 'error', text: t('receipt.saveFailed') });
    else setSaved(result.value.saved ? { tone: 'success', text: t('receipt.saved', { path: result.value.path }) } : { tone: 'info', text: t('receipt.cancelled') });
  };
  return (
    <section className="receipt" aria-labelledby="receipt-heading">
      {mailedTo !== undefined && <p className="mail-note" data-testid="mail-note">{t('receipt.mailSent', { email: mailedTo })}</p>}
      <h2 id="receipt-heading">{t('receipt.heading')}</h2>
      <pre className="receipt-text" data-testid="receipt-text">{facts.join('\n')}</pre>
      <div className="actions start no-print">
        <BusyButton busy={wizard.busy} type="button" className="button secondary" onClick={() => void save()}>{t('receipt.save')}</BusyButton>
        <button type="button" className="button secondary" onClick={() => window.print()}>{t('receipt.print')}</button>
      </div>
      <div aria-live="polite" className="no-print" data-testid="saved-receipt">{saved && <Alert tone={saved.tone}><p className="break">{saved.text}</p></Alert>}</div>
    </section>
  );
}
