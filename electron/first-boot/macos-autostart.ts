import { join } from 'node:path';
import { applyChanges, execFileRunner, type AutostartChange, type AutostartPlatform } from './autostart';
import { LAUNCH_NAMES } from './launch-names';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The LaunchAgent plist; build/installer/macos/launch-agent.plist is this text for the packaged path. */
export function macosLaunchAgentPlist(executable: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LAUNCH_NAMES.launchAgentLabel}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    `    <string>${xml(executable)}</string>`,
    `    <string>${LAUNCH_NAMES.autostartArg}</string>`,
    '  </array>',
    '  <key>RunAtLoad</key>',
    '  <true/>',
    '  <key>LimitLoadToSessionType</key>',
    '  <string>Aqua</string>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

/** The plist's path under a root (`/` in production). */
export function macosLaunchAgentPath(root: string): string {
  return join(root, 'Library', 'LaunchAgents', `${LAUNCH_NAMES.launchAgentLabel}.plist`);
}

/**
 * macOS: a machine-wide LaunchAgent in /Library/LaunchAgents (loaded at every user's login).
 * Writing it needs root; the Electron glue also sets the per-user login item.
 */
export function macosAutostart(options: { root: string; executable: string }): AutostartPlatform {
  const path = macosLaunchAgentPath(options.root);
  const plan = (enabled: boolean): AutostartChange[] =>
    enabled ? [{ kind: 'write-file', path, content: macosLaunchAgentPlist(options.executable) }] : [{ kind: 'remove-file', path }];
  return { platform: 'macos', plan, apply: (enabled) => applyChanges(enabled, plan(enabled), execFileRunner) };
}
