import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages';

const NAMES: Record<(typeof LANGUAGES)[number], string> = { ja: '日本語', en: 'English' };

/** Switches language on any page; each option is written in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={`${t('app.language')} / Language`}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="language-option"
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {NAMES[lng]}
        </button>
      ))}
    </div>
  );
}
