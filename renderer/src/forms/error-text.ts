import type { TFunction } from 'i18next';

const KNOWN: readonly [RegExp, string][] = [
  [/^required$/, 'validation.required'],
  [/e-?mail/i, 'validation.email'],
  [/phone/i, 'validation.phone'],
  [/NNN-NNNN/, 'validation.postalJp'],
  [/postal/i, 'validation.postal'],
  [/kana/i, 'validation.kana'],
  [/control|invisible/i, 'validation.forbidden'],
  [/^at most/, 'validation.tooLong'],
  [/^mismatch$/, 'validation.mismatch'],
  [/^consent$/, 'validation.consent'],
  [/ISO 3166/, 'validation.country'],
];

/**
 * Says a protocol (or host) validation message in the customer's language; protocol
 * messages are English developer text, unknown ones become a polite generic line.
 */
export function errorText(t: TFunction, message: string | undefined, empty: boolean): string {
  if (message === undefined) return t('validation.generic');
  if (empty && !/mismatch|consent/.test(message)) return t('validation.required');
  const atLeast = /^at least (\d+)/.exec(message);
  if (atLeast) return t('validation.tooShort', { min: Number(atLeast[1]) });
  const known = KNOWN.find(([pattern]) => pattern.test(message));
  return t(known ? known[1] : 'validation.generic');
}
