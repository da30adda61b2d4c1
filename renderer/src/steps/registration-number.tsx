import { useState } from 'react';
import { useTranslation } from 'react-i18next';

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  const done = document.execCommand('copy');
  area.remove();
  return done;
}

/** The number large and selectable, with a copy button that says when it worked. */
export function RegistrationNumber({ value }: { value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(copyBySelection(value));
    }
  };
  return (
    <div className="number-box">
      <p className="number-label" id="registration-number-label">{t('success.number')}</p>
      <output className="number" aria-labelledby="registration-number-label" data-testid="registration-number">{value}</output>
      <button type="button" className="button secondary" onClick={() => void copy()}>{t('success.copy')}</button>
      <span role="status" className="copied">{copied ? t('success.copied') : ''}</span>
    </div>
  );
}
