import { app, session, type WebContents, type WebFrameMain } from 'electron';
import { isWizardUrl } from '../config/app-origin';

/** True only for the wizard's own top-level frame: every IPC call is checked against this. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && isWizardUrl(frame.url);
}

/**
 * Electron's security checklist for everything the app ever shows: no permissions, no
 * navigation away, no new windows, no webviews. Call once, before any window exists.
 */
export function hardenApp(): void {
  app.on('ready', () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
