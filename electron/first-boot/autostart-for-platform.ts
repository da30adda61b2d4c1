import type { AutostartPlatform, CommandRunner } from './autostart';
import { DEFAULT_STATE_FILES } from './launch-names';
import { linuxAutostart } from './linux-autostart';
import { macosAutostart } from './macos-autostart';
import { windowsAutostart } from './windows-autostart';

export interface PlatformOptions {
  platform?: NodeJS.Platform;
  /** The installed app's executable (process.execPath in a packaged app). */
  executable: string;
  /** Where system folders are rooted (`/` in production; a temp folder in tests). */
  root?: string;
  run?: CommandRunner;
}

/** Picks the implementation for this OS; null where the product does not install an autostart entry. */
export function autostartForPlatform(options: PlatformOptions): AutostartPlatform | null {
  const platform = options.platform ?? process.platform;
  const root = options.root ?? '/';
  if (platform === 'linux') return linuxAutostart({ root, executable: options.executable });
  if (platform === 'win32') return windowsAutostart({ executable: options.executable, ...(options.run ? { run: options.run } : {}) });
  if (platform === 'darwin') return macosAutostart({ root, executable: options.executable });
  return null;
}

/** The machine-wide state file for this OS (ProgramData is read from the environment on Windows). */
export function defaultStateFile(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA;
    return programData ? `${programData}\\FirstBootRegistration\\launch-state.json` : DEFAULT_STATE_FILES.windows;
  }
  return platform === 'darwin' ? DEFAULT_STATE_FILES.macos : DEFAULT_STATE_FILES.linux;
}
