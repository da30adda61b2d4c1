import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mode, Screen } from '../wizard/wizard-types';
import { LanguageSwitch } from '../../shared/components/language-switch';
import { StepIndicator } from './step-indicator';

/** The frame every page shares: brand, language switch, step indicator, then the page. */
export function Layout({ mode, screen, children }: { mode: Mode; screen: Screen; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <header className="topbar">
        <p className="brand">{t('app.brand')}</p>
        <LanguageSwitch />
      </header>
      <StepIndicator mode={mode} screen={screen} />
      <main className="page" id="main">
        {children}
      </main>
    </div>
  );
}
