import type { IpcHandlerMap } from '../../protocol';
import type { NetworkSettingsTarget } from '../network-settings/network-settings';
import { defineHandler, fail, ok } from './define-handler';

export interface NetworkSettingsDeps {
  /** The platform's target (networkSettingsTarget), decided once at start; null hides the button. */
  target: NetworkSettingsTarget | null;
  /** Hands a settings URL to the OS shell (Electron's shell.openExternal). */
  openUrl?: (url: string) => Promise<void>;
  /** Starts a program detached (startDetached). */
  startProgram?: (file: string, args: readonly string[]) => Promise<void>;
}

/**
 * "Open network settings" on the cannot-reach page (issue #12 item 1): no argument crosses the
 * bridge, the only things ever opened are the fixed targets of network-settings.ts.
 */
export function createNetworkSettingsHandlers(deps: NetworkSettingsDeps): Pick<IpcHandlerMap, 'networkSettingsAvailable' | 'openNetworkSettings'> {
  const { target } = deps;
  const canOpen = target !== null && (target.kind === 'url' ? deps.openUrl !== undefined : deps.startProgram !== undefined);
  return {
    networkSettingsAvailable: defineHandler('networkSettingsAvailable', () => Promise.resolve(ok({ available: canOpen }))),
    openNetworkSettings: defineHandler('openNetworkSettings', async () => {
      if (!canOpen || target === null) return fail('OPEN_FAILED', 'this PC has no network settings the wizard can open');
      try {
        if (target.kind === 'url') await deps.openUrl?.(target.url);
        else await deps.startProgram?.(target.file, target.args);
      } catch {
        return fail('OPEN_FAILED', 'the network settings could not be opened');
      }
      return ok({ opened: true as const });
    }),
  };
}
