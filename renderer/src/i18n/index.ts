import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Maps an OS locale such as "ja-JP" to one of ours; anything not Japanese gets English. */
export function languageFor(locale: string): Language {
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Starts i18next in the OS language; resources are bundled, nothing is fetched (CSP allows no connections). */
export async function initI18n(locale: string): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: languageFor(locale),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
