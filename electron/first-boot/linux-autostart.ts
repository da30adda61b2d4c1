import { join } from 'node:path';
import { applyChanges, execFileRunner, type AutostartChange, type AutostartPlatform } from './autostart';
import { LAUNCH_NAMES } from './launch-names';

/**
 * One Exec argument per the Desktop Entry spec: `%` doubled (it starts field codes); reserved
 * characters force quotes, inside which \ " ` $ get a backslash; then every backslash is doubled
 * again, because the string escape rule is applied before the quoting rule.
 */
export function quoteExecArg(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(percent)) return percent;
  return `"${percent.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`.replace(/\\/g, '\\\\');
}

/** The desktop entry text; after-install.sh writes the very same bytes. */
export function linuxDesktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${LAUNCH_NAMES.displayName}`,
    `Name[ja]=${LAUNCH_NAMES.displayNameJa}`,
    `Comment=${LAUNCH_NAMES.comment}`,
    `Comment[ja]=${LAUNCH_NAMES.commentJa}`,
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
