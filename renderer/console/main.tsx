import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app';
import { initConsoleI18n } from './i18n';
import './styles.css';

/** Boots in the browser's language, then renders the console. */
async function boot(): Promise<void> {
  const i18n = await initConsoleI18n(navigator.language);
  const root = document.getElementById('root');
  if (root === null) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
