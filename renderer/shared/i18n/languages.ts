import i18next, { type Resource } from 'i18next';
import { useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Maps a locale such as "ja-JP" to one of ours; anything not Japanese gets English. */
export function languageFor(locale: string): Language {
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Starts i18next in the given locale's language with bundled resources (nothing is fetched), English as fallback. */
export async function startI18n(resources: Resource, locale: string): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: languageFor(locale),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** Keeps <html lang> and the window title in the current language, so screen readers pronounce it right. */
export function useDocumentLanguage(title: string): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = title;
  }, [i18n.language, title]);
}
