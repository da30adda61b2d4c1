import type { DesktopApi } from '../../protocol/desktop-api';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the preview bridge (Chromium); the renderer's only way out. */
    readonly desktop: DesktopApi;
  }
}

/** The bridge to the main process; a function so tests and the preview can install it late. */
export function desktop(): DesktopApi {
  return window.desktop;
}
