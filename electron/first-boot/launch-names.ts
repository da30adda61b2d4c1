/** Names shared by the app and the installer scripts, so both write and remove the same entries. */
export const LAUNCH_NAMES = {
  /** Linux: /etc/xdg/autostart/<this>. */
  desktopFile: 'first-boot-registration.desktop',
  /** Windows: value name under HKLM\...\Run. */
  runValue: 'FirstBootRegistration',
  runKey: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  /** macOS: LaunchAgent label and plist name. */
  launchAgentLabel: 'com.firstbootregistration.wizard',
  /** The argument the autostart entry passes, so the app knows it was started at logon. */
  autostartArg: '--autostart',
  /** Shown in session settings ("Startup Applications"). */
  displayName: 'Device Registration',
  comment: 'Register this PC and its devices',
  /** Japanese session settings (the product ships to Japanese customers first). */
  displayNameJa: '機器登録',
  commentJa: 'このパソコンと接続機器を登録します',
} as const;

/** Machine-wide state file per platform (Linux: reached through fbr-state-helper; see docs/packaging-security.md). */
export const DEFAULT_STATE_FILES = {
  linux: '/var/lib/first-boot-registration/state/launch-state.json',
  windows: 'C:\\ProgramData\\FirstBootRegistration\\launch-state.json',
  macos: '/Users/Shared/FirstBootRegistration/launch-state.json',
} as const;
