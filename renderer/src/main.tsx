import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app';
import { desktop } from './desktop';
import { initI18n } from './i18n';
import { WizardProvider } from './wizard/wizard-context';
import './styles.css';

/** Boots in the OS language reported by the main process, then renders the wizard. */
async function boot(): Promise<void> {
  const info = await desktop().getAppInfo();
  const i18n = await initI18n(info.ok ? info.value.locale : navigator.language);
  const root = document.getElementById('root');
  if (root === null) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <WizardProvider>
          <App />
        </WizardProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
