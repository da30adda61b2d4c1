import { join } from 'node:path';
import { applyChanges, execFileRunner, type AutostartChange, type AutostartPlatform } from './autostart';
import { LAUNCH_NAMES } from './launch-names';

/** Quotes an Exec argument per the Desktop Entry spec (reserved characters force quotes; \ " ` $ escaped). */
export function quoteExecArg(arg: string): string {
  if (!/[\s"'\\><~|&;$*?#()`]/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/** The desktop entry text; after-install.sh writes the very same bytes. */
export function linuxDesktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${LAUNCH_NAMES.displayName}`,
    `Comment=${LAUNCH_NAMES.comment}`,
    `Exec=${quoteExecArg(executable)} ${LAUNCH_NAMES.autostartArg}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Linux: a system-wide XDG autostart entry under `root` (`/` in production, a temp folder in tests). */
export function linuxAutostart(options: { root: string; executable: string }): AutostartPlatform {
  const path = join(options.root, 'etc', 'xdg', 'autostart', LAUNCH_NAMES.desktopFile);
  const plan = (enabled: boolean): AutostartChange[] =>
    enabled ? [{ kind: 'write-file', path, content: linuxDesktopEntry(options.executable) }] : [{ kind: 'remove-file', path }];
  return { platform: 'linux', plan, apply: (enabled) => applyChanges(enabled, plan(enabled), execFileRunner) };
}
