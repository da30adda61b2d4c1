import type { AppInfo, IpcHandlerMap } from '../../protocol';
import { defineHandler, ok } from './define-handler';

export interface AppHandlerDeps {
  appInfo: () => AppInfo;
  /** Closes the window (Electron) or ends the preview. */
  close: () => void;
}

/** App-level calls that need no host and no hardware. */
export function createAppHandlers(deps: AppHandlerDeps): Pick<IpcHandlerMap, 'getAppInfo' | 'close'> {
  return {
    getAppInfo: defineHandler('getAppInfo', () => Promise.resolve(ok(deps.appInfo()))),
    close: defineHandler('close', () => {
      deps.close();
      return Promise.resolve(ok(null));
    }),
  };
}
