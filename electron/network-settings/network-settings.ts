import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How a platform's network settings are opened: a settings URL for the shell, or a program. */
export type NetworkSettingsTarget = { kind: 'url'; url: string } | { kind: 'program'; file: string; args: readonly string[] };

/** Windows and macOS settings pages the OS shell opens (no program of ours runs). */
export const NETWORK_SETTINGS_URLS = {
  win32: 'ms-settings:network',
  darwin: 'x-apple.systempreferences:com.apple.preference.network',
} as const;

/** GNOME's settings panel; other Linux desktops have no one command, so the button is hidden there. */
export const LINUX_NETWORK_SETTINGS = { file: 'gnome-control-center', args: ['network'] } as const;

/**
 * What opens the network settings on this platform, or null when nothing will (the wizard then
 * hides the button). Pure: the caller says which programs exist, so it is tested in plain Node.
 */
export function networkSettingsTarget(platform: NodeJS.Platform, hasProgram: (file: string) => boolean): NetworkSettingsTarget | null {
  if (platform === 'win32' || platform === 'darwin') return { kind: 'url', url: NETWORK_SETTINGS_URLS[platform] };
  if (platform === 'linux' && hasProgram(LINUX_NETWORK_SETTINGS.file)) return { kind: 'program', ...LINUX_NETWORK_SETTINGS };
  return null;
}

/** True when an executable of that name is on PATH. */
export function programOnPath(file: string, pathVariable: string | undefined = process.env.PATH): boolean {
  for (const folder of (pathVariable ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(folder, file), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Starts a program detached from the wizard, resolving once it has started (or rejecting if it could not). */
export function startDetached(file: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { detached: true, stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
