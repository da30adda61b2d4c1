import type i18next from 'i18next';
import { startI18n } from '../../shared/i18n/languages';
import { en } from './en';
import { ja } from './ja';

/** Starts i18next in the browser's language with the console's strings (bundled; switchable on every page). */
export function initConsoleI18n(locale: string): Promise<typeof i18next> {
  return startI18n({ en: { translation: en }, ja: { translation: ja } }, locale);
}
