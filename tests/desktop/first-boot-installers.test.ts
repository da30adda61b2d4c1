import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { linuxDesktopEntry } from '../../electron/first-boot/linux-autostart';
import { macosLaunchAgentPlist } from '../../electron/first-boot/macos-autostart';
import { windowsNsisLines } from '../../electron/first-boot/windows-autostart';
import { readIdentityFile } from '../../electron/hardware/identity-file';
import { LaunchStateStore } from '../../electron/first-boot/launch-state-store';
import { LaunchController } from '../../electron/first-boot/launch-controller';
import { linuxAutostart } from '../../electron/first-boot/linux-autostart';
import { haveTools } from '../support/system-tools';
import { EXE, fakeMachine, INSTALLER, MACROS, renderScript, run, runScript } from './support/deb-hooks';
import { tempDir } from './support/outbox-fixtures';

const exists = (path: string) => stat(path).then(() => true, () => false);

describe('deb after-install / after-remove (run for real against a temp root)', () => {
  it('writes the autostart entry the app writes, and records DMI serial + UUID in the identity file', async () => {
    const { root, scripts } = await fakeMachine();
    const { stdout } = await runScript(await renderScript('after-install.sh', scripts), root);
    expect(stdout).toContain('recorded the DMI serial and UUID');
    const entry = join(root, 'etc/xdg/autostart/first-boot-registration.desktop');
    expect(await readFile(entry, 'utf8')).toBe(linuxDesktopEntry(EXE));
    expect((await stat(entry)).mode & 0o777).toBe(0o644);

    const identityFile = join(root, 'var/lib/first-boot-registration/dmi-identity.json');
    expect(await readIdentityFile(identityFile)).toEqual({
      systemSerial: 'JR1SJQ1',
      systemUuid: '4c4c4544-0052-3110-8053-cac04f4a5131',
      baseboardSerial: '..CN"13\\74.',
      chassisSerial: null,
    });
    expect((await stat(identityFile)).mode & 0o777).toBe(0o644);
    expect((await stat(join(root, 'var/lib/first-boot-registration'))).mode & 0o777).toBe(0o755);
    // No test group exists on a temp root, so the state's group is root's; mode 2770, never 0777.
    const state = await stat(join(root, 'var/lib/first-boot-registration/state'));
    expect({ mode: state.mode & 0o7777, uid: state.uid }).toEqual({ mode: 0o2770, uid: 0 });
  });

  it('leaves the entry out when the machine is already registered or declined (reinstall)', async () => {
    const { root, scripts } = await fakeMachine();
    const stateFile = join(root, 'var/lib/first-boot-registration/state/launch-state.json');
    const controller = new LaunchController({ store: new LaunchStateStore(stateFile), autostart: linuxAutostart({ root, executable: EXE }), log: () => undefined });
    await controller.sync();
    await controller.record({ type: 'registered' });
    const entry = join(root, 'etc/xdg/autostart/first-boot-registration.desktop');
    await writeFile(entry, 'stale');
    await runScript(await renderScript('after-install.sh', scripts), root);
    expect(await exists(entry)).toBe(false);

    // Pending (an outbox entry waits) keeps launching even if declined.
    await controller.record({ type: 'outbox', pending: 1 });
    await runScript(await renderScript('after-install.sh', scripts), root);
    expect(await readFile(entry, 'utf8')).toBe(linuxDesktopEntry(EXE));
  });

  it('after-remove: keeps everything on upgrade, removes the entry on remove, the folder on purge', async () => {
    const { root, scripts } = await fakeMachine();
    await runScript(await renderScript('after-install.sh', scripts), root);
    const remove = await renderScript('after-remove.sh', scripts);
    const entry = join(root, 'etc/xdg/autostart/first-boot-registration.desktop');
    const folder = join(root, 'var/lib/first-boot-registration');
    await runScript(remove, root, 'upgrade');
    expect(await exists(entry)).toBe(true);
    await runScript(remove, root, 'remove');
    expect(await exists(entry)).toBe(false);
    expect(await exists(join(folder, 'dmi-identity.json'))).toBe(true);
    await runScript(remove, root, 'purge');
    expect(await exists(folder)).toBe(false);
  });
});

/** Paths with every character the Desktop Entry spec treats specially in Exec. */
const AWKWARD_PRODUCTS = ['100% Done', 'Back\\slash', 'Dollar$HOME', 'Quote"d `tick`', 'Plain'];

/** The Exec value back to its arguments, per the spec: string escapes first, then the quoting rule, then %%. */
function execArguments(exec: string): string[] {
  const unescaped = exec.replace(/\\([\\snrt])/g, (_m, c: string) => ({ s: ' ', n: '\n', r: '\r', t: '\t' })[c] ?? '\\');
  const args = [...unescaped.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '')));
  return args.map((arg) => arg.replace(/%%/g, '%'));
}

describe.skipIf(!haveTools('desktopFileValidate'))('autostart entry: valid per desktop-file-validate, escaped per the spec', () => {
  it('validates, has Japanese name and comment, and its Exec gives back the exact path', async () => {
    const dir = await tempDir('desktop-entry');
    for (const product of AWKWARD_PRODUCTS) {
      const exe = `/opt/${product}/first-boot-registration`;
      const file = join(dir, 'first-boot-registration.desktop');
      const entry = linuxDesktopEntry(exe);
      await writeFile(file, entry);
      const result = await run('desktop-file-validate', [file]).then(({ stdout, stderr }) => ({ ok: true, out: stdout + stderr }), (error: { stdout: string; stderr: string }) => ({ ok: false, out: error.stdout + error.stderr }));
      expect(result, `${exe}\n${entry}`).toEqual({ ok: true, out: '' });
      expect(entry).toContain('\nName[ja]=機器登録\n');
      expect(entry).toMatch(/\nComment\[ja\]=\S+\n/);
      expect(execArguments(/^Exec=(.*)$/m.exec(entry)?.[1] ?? '')).toEqual([exe, '--autostart']);
    }
  });

  it('after-install.sh writes the same bytes for those paths', async () => {
    for (const product of AWKWARD_PRODUCTS) {
      const { root, scripts } = await fakeMachine();
      await runScript(await renderScript('after-install.sh', scripts, { ...MACROS, sanitizedProductName: product }), root);
      expect(await readFile(join(root, 'etc/xdg/autostart/first-boot-registration.desktop'), 'utf8'), product).toBe(linuxDesktopEntry(`/opt/${product}/first-boot-registration`));
    }
  });
});

describe('Windows NSIS include and macOS LaunchAgent template', () => {
  it('installer.nsh writes and removes exactly the Run value the app manages', async () => {
    const nsh = await readFile(join(INSTALLER, 'windows/installer.nsh'), 'utf8');
    const macro = (name: string) => /!macro (\w+)\n([\s\S]*?)!macroend/g.exec(nsh.slice(nsh.indexOf(`!macro ${name}`)))?.[2] ?? '';
    const lines = (body: string) => body.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith(';'));
    expect(lines(macro('customInstall')).slice(0, 2)).toEqual(windowsNsisLines(true));
    expect(lines(macro('customUnInstall')).slice(0, 2)).toEqual(windowsNsisLines(false));
  });

  it('installer.nsh resets owner and ACL of the state folder, removes a link instead of following it, and runs tools by full path', async () => {
    const nsh = await readFile(join(INSTALLER, 'windows/installer.nsh'), 'utf8');
    const install = /!macro customInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    const commands = [...install.matchAll(/nsExec::Exec '(.*)'/g)].map((m) => m[1] ?? '');
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/^"\$SYSDIR\\icacls\.exe" /);
    expect(commands).toContain('"$SYSDIR\\icacls.exe" "$1" /setowner *S-1-5-32-544 /T /C /L /Q');
    expect(commands.join('\n')).toContain('/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(RX,W)');
    expect(commands).toContain('"$SYSDIR\\icacls.exe" "$1\\*" /reset /T /C /L /Q');
    // Users never get Modify (which includes delete and re-create as a junction) on the folder itself.
    expect(install).not.toMatch(/S-1-5-32-545:\(OI\)\(CI\)M/);
    // The reparse-point check comes before the first icacls, and a link is removed without /r.
    expect(install.indexOf('& 0x400')).toBeGreaterThan(-1);
    expect(install.indexOf('& 0x400')).toBeLessThan(install.indexOf('icacls'));
    expect(install).toMatch(/RMDir "\$1" ;/);
  });

  it('per-machine installs cannot pick their folder, and installer.nsh refuses one outside Program Files', async () => {
    const config = parse(await readFile(join(INSTALLER, '../electron-builder.yml'), 'utf8')) as { nsis: Record<string, unknown> };
    expect(config.nsis).toMatchObject({ perMachine: true, allowToChangeInstallationDirectory: false });
    const nsh = await readFile(join(INSTALLER, 'windows/installer.nsh'), 'utf8');
    const init = /!macro customInit\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    expect(init).toContain('GetFullPathNameW(w "$INSTDIR"');
    expect(init).toContain('StrCpy $R1 "$PROGRAMFILES64\\"');
    expect(init).toMatch(/\$\{OrIf\} \$R3 != \$R1\n[\s\S]*Quit/);
  });

  it('launch-agent.plist is the plist the app writes', async () => {
    const exe = '/Applications/First Boot Registration.app/Contents/MacOS/First Boot Registration';
    const template = await readFile(join(INSTALLER, 'macos/launch-agent.plist'), 'utf8');
    expect(template.replace('@APP_EXECUTABLE@', exe)).toBe(macosLaunchAgentPlist(exe));
  });
});
