import type i18next from 'i18next';
import { startI18n } from '../../shared/i18n/languages';
import { en } from './en';
import { ja } from './ja';

/** Starts i18next in the OS language with the wizard's strings; resources are bundled, nothing is fetched (CSP allows no connections). */
export function initI18n(locale: string): Promise<typeof i18next> {
  return startI18n({ en: { translation: en }, ja: { translation: ja } }, locale);
}
