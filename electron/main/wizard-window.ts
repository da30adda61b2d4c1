import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** Opens the wizard per the security checklist; sized for 1024×768 up to full HD. */
export function createWizardWindow(preloadPath: string, title: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1120,
    height: 820,
    minWidth: 1000,
    minHeight: 700,
    show: false,
    title,
    autoHideMenuBar: true,
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Where the bundled preload sits next to the bundled main. */
export function preloadPathNextTo(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
