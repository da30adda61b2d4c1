import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchController } from '../../electron/first-boot/launch-controller';
import { launchFollowsOutbox } from '../../electron/first-boot/launch-follows-outbox';
import { applyLaunchEvent, initialRecord, stateOf } from '../../electron/first-boot/launch-state';
import { LaunchStateStore } from '../../electron/first-boot/launch-state-store';
import { linuxAutostart, linuxDesktopEntry } from '../../electron/first-boot/linux-autostart';
import { macosAutostart, macosLaunchAgentPlist } from '../../electron/first-boot/macos-autostart';
import { windowsAutostart, windowsNsisLines, windowsRegCommandLine, windowsRegExe } from '../../electron/first-boot/windows-autostart';
import { autostartForPlatform, defaultStateFile } from '../../electron/first-boot/autostart-for-platform';
import type { CommandRunner } from '../../electron/first-boot/autostart';
import { tempDir } from './support/outbox-fixtures';

const LINUX_EXE = '/opt/First Boot Registration/first-boot-registration';
const exists = (path: string) => stat(path).then(() => true, () => false);

async function linuxSetup(maxReminders = 2) {
  const root = await tempDir('root');
  const stateFile = join(root, 'var/lib/first-boot-registration/launch-state.json');
  const entry = join(root, 'etc/xdg/autostart/first-boot-registration.desktop');
  const log: string[] = [];
  const controller = new LaunchController({
    store: new LaunchStateStore(stateFile),
    autostart: linuxAutostart({ root, executable: LINUX_EXE }),
    maxReminders,
    log: (line) => log.push(line),
  });
  return { root, stateFile, entry, controller, log };
}

describe('registration state drives the Linux autostart entry (temp root)', () => {
  it('first launch: not registered, the entry is written', async () => {
    const { controller, entry } = await linuxSetup();
    expect((await controller.current()).state).toBe('not-registered');
    expect(await controller.shouldRunAtLogin()).toBe(true);
    expect(await controller.sync()).toMatchObject({ applied: true, enabled: true });
    expect(await readFile(entry, 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Device Registration',
        'Name[ja]=機器登録',
        'Comment=Register this PC and its devices',
        'Comment[ja]=このパソコンと接続機器を登録します',
        'Exec="/opt/First Boot Registration/first-boot-registration" --autostart',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('"Remind me later" keeps the entry up to the limit, then stops asking', async () => {
    const { controller, entry, stateFile } = await linuxSetup(2);
    await controller.sync();
    expect(await controller.record({ type: 'remind-later' })).toBe('not-registered');
    expect(await exists(entry)).toBe(true);
    expect(await controller.record({ type: 'remind-later' })).toBe('not-registered');
    expect(await exists(entry)).toBe(true);
    expect(await controller.record({ type: 'remind-later' })).toBe('declined');
    expect(await exists(entry)).toBe(false);
    expect(await controller.shouldRunAtLogin()).toBe(false);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ format: 1, remindersUsed: 3, pending: false, registeredAt: null });
  });

  it('"Don\'t ask again" removes the entry; opening by hand and registering keeps it removed', async () => {
    const { controller, entry } = await linuxSetup();
    await controller.sync();
    expect(await controller.record({ type: 'declined' })).toBe('declined');
    expect(await exists(entry)).toBe(false);
    expect(await controller.record({ type: 'registered' })).toBe('registered');
    expect(await exists(entry)).toBe(false);
  });

  it('pending (outbox waiting) keeps the entry even after a decline; delivery ends it', async () => {
    const { controller, entry } = await linuxSetup();
    expect(await controller.record({ type: 'outbox', pending: 1 })).toBe('pending');
    expect(await exists(entry)).toBe(true);
    expect(await controller.record({ type: 'declined' })).toBe('pending');
    expect(await controller.record({ type: 'remind-later' })).toBe('pending');
    expect(await exists(entry)).toBe(true);
    await controller.record({ type: 'registered' });
    expect(await controller.record({ type: 'outbox', pending: 0 })).toBe('registered');
    expect(await exists(entry)).toBe(false);
    expect(await controller.record({ type: 'remind-later' })).toBe('registered');
    expect(await controller.record({ type: 'declined' })).toBe('registered');
  });

  it('a pending entry that is refused (no registration) falls back to asking at logon', async () => {
    const { controller, entry } = await linuxSetup();
    await controller.record({ type: 'outbox', pending: 1 });
    expect(await controller.record({ type: 'outbox', pending: 0 })).toBe('not-registered');
    expect(await exists(entry)).toBe(true);
  });

  it('a new instance reads the same machine-wide state; a damaged file reads as a fresh machine, logged', async () => {
    const { controller, stateFile, root, log } = await linuxSetup();
    await controller.record({ type: 'registered' });
    const again = new LaunchController({ store: new LaunchStateStore(stateFile), autostart: linuxAutostart({ root, executable: LINUX_EXE }), log: () => undefined });
    expect((await again.current()).state).toBe('registered');
    await writeFile(stateFile, '{not json');
    expect((await controller.current()).state).toBe('not-registered');
    expect(log.join('\n')).toMatch(/launch state file .* is invalid/);
  });

  it('transitions are pure and the reminder limit is configurable', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    let record = initialRecord(now);
    record = applyLaunchEvent(record, { type: 'remind-later' }, 0, now);
    expect(stateOf(record)).toBe('declined');
    // Asking to be reminded after a decline (opened by hand) brings it back if reminders remain.
    record = applyLaunchEvent(initialRecord(now), { type: 'declined' }, 3, now);
    expect(stateOf(applyLaunchEvent(record, { type: 'remind-later' }, 3, now))).toBe('not-registered');
    expect(() => new LaunchController({ store: new LaunchStateStore('/x'), autostart: null, maxReminders: -1 })).toThrow(/maxReminders/);
  });

  it('follows the outbox: pending while entries wait, registered after a delivery', async () => {
    const { controller, entry } = await linuxSetup();
    const follow = launchFollowsOutbox(controller);
    follow({ type: 'changed', pending: 2 });
    await expect.poll(async () => (await controller.current()).state).toBe('pending');
    follow({ type: 'delivered', entry: { id: 'a', requestId: 'r', device: { kind: 'pc', vendor: 'A', model: '' }, createdAt: '', attempts: 1, nextAttemptAt: null, status: 'delivered' } });
    follow({ type: 'changed', pending: 0 });
    await expect.poll(async () => (await controller.current()).state).toBe('registered');
    expect(await exists(entry)).toBe(false);
  });

  it('reports, not throws, when the entry cannot be written (not root)', async () => {
    const root = await tempDir('ro');
    await writeFile(join(root, 'etc'), 'a file where a folder should be');
    const result = await linuxAutostart({ root, executable: LINUX_EXE }).apply(true);
    expect(result).toMatchObject({ applied: false, enabled: true });
    expect(result.error).toBeTruthy();
  });
});

describe('Windows: exactly the Run entry commands', () => {
  const exe = 'C:\\Program Files\\First Boot Registration\\First Boot Registration.exe';

  it('runs reg.exe by its full path under SystemRoot, never by bare name', () => {
    expect(windowsRegExe({ SystemRoot: 'D:\\WINNT' })).toBe('D:\\WINNT\\System32\\reg.exe');
    expect(windowsRegExe({})).toBe('C:\\Windows\\System32\\reg.exe');
    expect(windowsAutostart({ executable: exe }).plan(true)[0]).toMatchObject({ kind: 'command', command: windowsRegExe(process.env) });
  });

  it('adds and deletes the per-machine Run value with reg.exe', async () => {
    const calls: [string, string[]][] = [];
    const run: CommandRunner = (command, args) => {
      calls.push([command, args]);
      return Promise.resolve({ code: 0, stderr: '' });
    };
    const platform = windowsAutostart({ executable: exe, run, systemRoot: 'C:\\Windows' });
    expect(await platform.apply(true)).toMatchObject({ applied: true });
    expect(await platform.apply(false)).toMatchObject({ applied: true });
    expect(calls).toEqual([
      ['C:\\Windows\\System32\\reg.exe', ['add', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'FirstBootRegistration', '/t', 'REG_SZ', '/d', `"${exe}" --autostart`, '/f', '/reg:64']],
      ['C:\\Windows\\System32\\reg.exe', ['delete', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'FirstBootRegistration', '/f', '/reg:64']],
    ]);
    expect(windowsRegCommandLine(true, exe)).toBe(
      'reg add HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /v FirstBootRegistration /t REG_SZ /d "\\"C:\\Program Files\\First Boot Registration\\First Boot Registration.exe\\" --autostart" /f /reg:64',
    );
    expect(windowsRegCommandLine(false, exe)).toBe('reg delete HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /v FirstBootRegistration /f /reg:64');
  });

  it('reports a refusal (no administrator) without throwing', async () => {
    const platform = windowsAutostart({ executable: exe, systemRoot: 'C:\\Windows', run: () => Promise.resolve({ code: 1, stderr: 'ERROR: Access is denied.' }) });
    expect(await platform.apply(false)).toMatchObject({ applied: false, error: 'C:\\Windows\\System32\\reg.exe exited 1: ERROR: Access is denied.' });
  });

  it('gives the NSIS lines the installer uses', () => {
    expect(windowsNsisLines(true)).toEqual([
      'SetRegView 64',
      'WriteRegStr HKLM "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run" "FirstBootRegistration" \'"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" --autostart\'',
    ]);
    expect(windowsNsisLines(false)).toEqual(['SetRegView 64', 'DeleteRegValue HKLM "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run" "FirstBootRegistration"']);
  });

  it('the state machine drives the commands', async () => {
    const calls: string[][] = [];
    const dir = await tempDir('win');
    const controller = new LaunchController({
      store: new LaunchStateStore(join(dir, 'launch-state.json')),
      autostart: autostartForPlatform({ platform: 'win32', executable: exe, run: (_c, args) => (calls.push(args), Promise.resolve({ code: 0, stderr: '' })) }),
      log: () => undefined,
    });
    await controller.sync();
    await controller.record({ type: 'declined' });
    expect(calls.map((args) => args[0])).toEqual(['add', 'delete']);
    expect(defaultStateFile('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\FirstBootRegistration\\launch-state.json');
  });
});

describe('macOS: exactly the LaunchAgent', () => {
  const exe = '/Applications/First Boot Registration.app/Contents/MacOS/First Boot Registration';

  it('writes and removes /Library/LaunchAgents/<label>.plist under the root', async () => {
    const root = await tempDir('mac');
    const platform = macosAutostart({ root, executable: exe });
    const path = join(root, 'Library/LaunchAgents/com.firstbootregistration.wizard.plist');
    expect(platform.plan(true)).toEqual([{ kind: 'write-file', path, content: macosLaunchAgentPlist(exe) }]);
    expect(platform.plan(false)).toEqual([{ kind: 'remove-file', path }]);
    await platform.apply(true);
    expect(await readFile(path, 'utf8')).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>com.firstbootregistration.wizard</string>
  <key>ProgramArguments</key>
  <array>
    <string>/Applications/First Boot Registration.app/Contents/MacOS/First Boot Registration</string>
    <string>--autostart</string>
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>LimitLoadToSessionType</key>
  <string>Aqua</string>
</dict>
</plist>
`);
    await platform.apply(false);
    expect(await exists(path)).toBe(false);
  });

  it('escapes XML in the executable path', () => {
    expect(macosLaunchAgentPlist('/Apps/A&B <x>.app/bin')).toContain('<string>/Apps/A&amp;B &lt;x&gt;.app/bin</string>');
  });

  it('Linux desktop entry quoting follows the Desktop Entry spec', () => {
    expect(linuxDesktopEntry('/usr/bin/fbr')).toContain('Exec=/usr/bin/fbr --autostart\n');
    // Quoting escapes \ " ` $ with a backslash; the string escape rule then doubles every backslash.
    expect(linuxDesktopEntry('/opt/a "b"$c')).toContain('Exec="/opt/a \\\\"b\\\\"\\\\$c" --autostart\n');
    expect(linuxDesktopEntry('/opt/a\\b')).toContain('Exec="/opt/a\\\\\\\\b" --autostart\n');
    expect(linuxDesktopEntry('/opt/100%/fbr')).toContain('Exec=/opt/100%%/fbr --autostart\n');
  });
});
