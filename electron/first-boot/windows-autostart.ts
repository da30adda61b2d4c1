import { win32 } from 'node:path';
import { applyChanges, execFileRunner, type AutostartChange, type AutostartPlatform, type CommandRunner } from './autostart';
import { LAUNCH_NAMES } from './launch-names';

/** The Run value's data: the quoted executable and the autostart flag. */
export function windowsRunCommand(executable: string): string {
  return `"${executable}" ${LAUNCH_NAMES.autostartArg}`;
}

/**
 * reg.exe by its full path: run by bare name, Windows would look in the app's folder and the
 * working directory first, where a planted reg.exe would run instead.
 */
export function windowsRegExe(env: NodeJS.ProcessEnv): string {
  return win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'reg.exe');
}

/** `reg` arguments that add or delete the per-machine Run value (64-bit view). */
export function windowsRegArgs(enabled: boolean, executable: string): string[] {
  return enabled
    ? ['add', LAUNCH_NAMES.runKey, '/v', LAUNCH_NAMES.runValue, '/t', 'REG_SZ', '/d', windowsRunCommand(executable), '/f', '/reg:64']
    : ['delete', LAUNCH_NAMES.runKey, '/v', LAUNCH_NAMES.runValue, '/f', '/reg:64'];
}

/** The same as one command line, as an administrator would type it in cmd.exe. */
export function windowsRegCommandLine(enabled: boolean, executable: string): string {
  const quote = (arg: string) => (/[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg);
  return ['reg', ...windowsRegArgs(enabled, executable).map(quote)].join(' ');
}

/** The NSIS lines installer.nsh uses for the same value (`$INSTDIR` and the executable name filled in by NSIS). */
export function windowsNsisLines(enabled: boolean): string[] {
  const key = LAUNCH_NAMES.runKey.replace(/^HKLM\\/, '');
  return enabled
    ? ['SetRegView 64', `WriteRegStr HKLM "${key}" "${LAUNCH_NAMES.runValue}" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" ${LAUNCH_NAMES.autostartArg}'`]
    : ['SetRegView 64', `DeleteRegValue HKLM "${key}" "${LAUNCH_NAMES.runValue}"`];
}

/**
 * Windows: a per-machine Run value (HKLM), so the wizard opens at every user's logon. Changing
 * it needs an administrator; without one the apply is refused and the app's own check at
 * start (the state file) keeps it closed.
 */
export function windowsAutostart(options: { executable: string; run?: CommandRunner; systemRoot?: string }): AutostartPlatform {
  const reg = windowsRegExe(options.systemRoot === undefined ? process.env : { SystemRoot: options.systemRoot });
  const plan = (enabled: boolean): AutostartChange[] => [{ kind: 'command', command: reg, args: windowsRegArgs(enabled, options.executable) }];
  return { platform: 'windows', plan, apply: (enabled) => applyChanges(enabled, plan(enabled), options.run ?? execFileRunner) };
}
