import { join } from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { loadDesktopConfig } from '../config/desktop-config';
import { createDesktopHandlers } from '../handlers/desktop-handlers';
import { networkSettingsTarget, programOnPath, startDetached } from '../network-settings/network-settings';
import { createDeviceScanner } from '../hardware';
import { createPcAttestor, defaultTcti } from '../tpm';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { startFirstBoot } from './first-boot-wiring';
import { hardenApp } from './hardening';
import { registerIpc } from './ipc';
import { createWizardWindow, preloadPathNextTo } from './wizard-window';

/** The production host, used when REGISTRATION_HOST_URL is not set (npm start sets it to the embedded host). */
const DEFAULT_HOST_URL = 'https://registration.example.com';

registerAppScheme();
hardenApp();
app.enableSandbox();

/** App lifecycle only: config, launch state, handlers, one window. Everything else lives in plain-Node modules. */
async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const config = loadDesktopConfig(process.env, { isPackaged: app.isPackaged });
  if (config.ignoredVariables.length > 0) console.warn(`packaged app: ignoring ${config.ignoredVariables.join(', ')} (development only)`);
  const hostUrl = config.hostUrl ?? DEFAULT_HOST_URL;
  const rendererDir = join(__dirname, '..', 'renderer');
  let window: BrowserWindow | null = null;
  const showWizard = () => {
    if (window === null || window.isDestroyed()) {
      window = createWizardWindow(preloadPathNextTo(__dirname), app.getName());
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  const firstBoot = await startFirstBoot({ showWizard });
  if (firstBoot.quitNow) {
    app.quit();
    return;
  }
  serveAppScheme(rendererDir);
  const desktop = await createDesktopHandlers({
    hostUrl,
    scanner: createDeviceScanner(config.replayDir ? { replayDir: config.replayDir } : { identityFile: config.identityFile }),
    dataDir: join(app.getPath('userData'), 'registration'),
    launch: firstBoot.launch,
    buildPublicKey: config.outboxPublicKey,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    lookupAttempts: config.lookupAttempts,
    appInfo: () => ({
      version: app.getVersion(),
      locale: config.locale ?? app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
      hostUrl,
      launchedAtLogin: firstBoot.launchedAtLogin,
    }),
    close: () => window?.close(),
    openExternal: (url) => shell.openExternal(url),
    // Thin glue only: the customer picks the file; electron/lifecycle/save-file.ts writes it.
    chooseSavePath: async (suggestedName, kind) => {
      const options = {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [kind === 'json' ? { name: 'JSON', extensions: ['json'] } : { name: 'Text', extensions: ['txt'] }],
      };
      const chosen = window && !window.isDestroyed() ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || chosen.filePath === undefined || chosen.filePath === '' ? null : chosen.filePath;
    },
    onOutboxEvent: (event) => firstBoot.onOutboxEvent(event),
    networkSettings: { target: networkSettingsTarget(process.platform, (file) => programOnPath(file)), openUrl: (url) => shell.openExternal(url), startProgram: startDetached },
    attestor: createPcAttestor({ tcti: defaultTcti(config.tpmTcti ? { tcti: config.tpmTcti } : {}) }),
  });
  registerIpc(desktop.handlers);
  showWizard();
  app.on('second-instance', showWizard);
  // Registrations still waiting: stay in the tray (the first-boot wiring shows it) until they are sent.
  app.on('window-all-closed', () => {
    if (firstBoot.keepRunning()) return;
    firstBoot.dispose();
    void desktop.dispose().finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  console.error(`registration wizard failed to start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
