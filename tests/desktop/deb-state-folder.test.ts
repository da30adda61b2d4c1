import { chmod, chown, link, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxDesktopEntry } from '../../electron/first-boot/linux-autostart';
import { initialRecord, stateOf } from '../../electron/first-boot/launch-state';
import { LaunchStateStore } from '../../electron/first-boot/launch-state-store';
import { helperAccess } from '../../electron/first-boot/state-file-access';
import { haveTools } from '../support/system-tools';
import { compileStateHelper, EXE, fakeMachine, MACROS, renderScript, run, runScript } from './support/deb-hooks';
import { tempDir } from './support/outbox-fixtures';

/** An unprivileged local user (nobody), who must not be able to change the machine's state. */
const USER = 65534;
const asUser = ['--reuid', String(USER), '--regid', String(USER), '--clear-groups'];
/** These suites run the hooks as root does (chown, setgid, chroot); CI runs as root and skips nothing. */
const isRoot = process.getuid?.() === 0;
if (!isRoot && (process.env.CI === 'true' || process.env.CI === '1')) throw new Error('CI skips nothing, but the deb state-folder tests need root');
const registered = `${JSON.stringify({ ...initialRecord(new Date(0)), registeredAt: '2026-01-01T00:00:00.000Z' }, null, 2)}\n`;
const declinedByUser = registered.replace('"registeredAt": "2026-01-01T00:00:00.000Z"', '"registeredAt": null').replace('"declinedAt": null', '"declinedAt": "2026-02-02T00:00:00.000Z"');
const modeOf = async (path: string) => {
  const info = await lstat(path);
  return { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, link: info.isSymbolicLink() };
};
const paths = (root: string) => {
  const stateRoot = join(root, 'var/lib/first-boot-registration');
  return { stateRoot, state: join(stateRoot, 'state'), stateFile: join(stateRoot, 'state/launch-state.json'), entry: join(root, 'etc/xdg/autostart/first-boot-registration.desktop') };
};
const exists = (path: string) => lstat(path).then(() => true, () => false);

/** A folder of the user's, outside the state, that a planted link points to: the hook must leave it exactly as it is. */
async function victim(root: string) {
  const dir = join(root, 'home/user/victim');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'launch-state.json'), registered);
  await writeFile(join(dir, 'secret'), 'top secret\n', { mode: 0o600 });
  await chown(join(dir, 'launch-state.json'), USER, USER);
  await chmod(dir, 0o755);
  await chown(dir, USER, USER);
  return dir;
}

describe.skipIf(!isRoot)('deb after-install: the state folder is root:group 2770 whatever was there (run for real, temp root)', () => {
  it('a user-owned 0777 state folder is reset: owner root, 2770, only a plain launch-state.json kept (as a root-owned copy)', async () => {
    const { root, scripts } = await fakeMachine();
    const { state, stateFile, entry, stateRoot } = paths(root);
    const outside = await victim(root);
    await mkdir(state, { recursive: true, mode: 0o777 });
    await chmod(state, 0o777);
    await chown(state, USER, USER);
    await writeFile(stateFile, registered);
    await chown(stateFile, USER, USER);
    await symlink(join(outside, 'secret'), join(state, 'planted-link'));
    await writeFile(join(state, 'junk'), 'x');

    const { stdout } = await runScript(await renderScript('after-install.sh', scripts), root);
    expect(stdout).toContain(`reset the owner and mode of ${state}`);
    expect(await modeOf(state)).toEqual({ mode: 0o2770, uid: 0, gid: 0, link: false });
    expect(await readdir(state)).toEqual(['launch-state.json']);
    expect(await modeOf(stateFile)).toEqual({ mode: 0o660, uid: 0, gid: 0, link: false });
    expect(await readFile(stateFile, 'utf8')).toBe(registered);
    expect(await exists(entry)).toBe(false); // registered stays registered
    expect((await readdir(stateRoot)).sort()).toEqual(['dmi-identity.json', 'state']); // nothing set aside is left
    expect(await modeOf(join(outside, 'secret'))).toEqual({ mode: 0o600, uid: 0, gid: 0, link: false });
  });

  it('a hard link in the old folder is not copied (it could be any file of the machine)', async () => {
    const { root, scripts } = await fakeMachine();
    const { state, stateFile, entry } = paths(root);
    const outside = await victim(root);
    await mkdir(state, { recursive: true });
    await chown(state, USER, USER);
    await link(join(outside, 'launch-state.json'), stateFile);
    await runScript(await renderScript('after-install.sh', scripts), root);
    expect(await exists(stateFile)).toBe(false);
    expect(await readFile(entry, 'utf8')).toBe(linuxDesktopEntry(EXE));
    expect(await modeOf(join(outside, 'launch-state.json'))).toEqual({ mode: 0o644, uid: USER, gid: USER, link: false });
  });

  it('a symlinked state folder is replaced, never followed: what it pointed to keeps its owner and mode', async () => {
    const { root, scripts } = await fakeMachine();
    const { state, stateRoot, entry } = paths(root);
    const outside = await victim(root);
    await mkdir(stateRoot, { recursive: true });
    await symlink(outside, state);
    const result = await runScript(await renderScript('after-install.sh', scripts), root);
    expect(result.stderr).toContain(`${state} was not a plain folder; replaced it`);
    expect(await modeOf(state)).toEqual({ mode: 0o2770, uid: 0, gid: 0, link: false });
    expect(await modeOf(outside)).toEqual({ mode: 0o755, uid: USER, gid: USER, link: false });
    expect(await readdir(outside)).toEqual(['launch-state.json', 'secret']);
    // The state it pointed to (registered) was not read either: the wizard still opens.
    expect(await readFile(entry, 'utf8')).toBe(linuxDesktopEntry(EXE));
  });

  it('a symlinked state file is not read, and a symlinked top folder is replaced', async () => {
    const { root, scripts } = await fakeMachine();
    const { state, stateFile, stateRoot, entry } = paths(root);
    const script = await renderScript('after-install.sh', scripts);
    await runScript(script, root);
    await symlink(join(await victim(root), 'launch-state.json'), stateFile);
    await runScript(script, root);
    expect(await readFile(entry, 'utf8')).toBe(linuxDesktopEntry(EXE));

    const other = await fakeMachine();
    const top = paths(other.root);
    const outside = await victim(other.root);
    await mkdir(join(other.root, 'var/lib'), { recursive: true });
    await symlink(outside, top.stateRoot);
    await runScript(script, other.root);
    expect(await modeOf(top.stateRoot)).toEqual({ mode: 0o755, uid: 0, gid: 0, link: false });
    expect(await modeOf(outside)).toEqual({ mode: 0o755, uid: USER, gid: USER, link: false });
    expect(await readdir(outside)).toEqual(['launch-state.json', 'secret']);
    expect(await exists(state)).toBe(true);
    expect(await exists(stateRoot)).toBe(true);
  });
});

describe.skipIf(!isRoot || !haveTools('cc'))('fbr-state-helper: the only way a user changes the state', () => {
  async function installedMachine() {
    const { root, scripts } = await fakeMachine();
    await chmod(root, 0o755);
    const { state, stateFile } = paths(root);
    const resources = join(root, 'opt', MACROS.sanitizedProductName, 'resources');
    await mkdir(resources, { recursive: true });
    const helper = await compileStateHelper(join(resources, 'fbr-state-helper'), state);
    await runScript(await renderScript('after-install.sh', scripts), root);
    // What the app runs: the helper, started by an ordinary user.
    const wrapper = join(scripts, 'as-user');
    await writeFile(wrapper, `#!/bin/sh\nexec setpriv ${asUser.join(' ')} '${helper}' "$@"\n`, { mode: 0o755 });
    return { root, state, stateFile, helper, wrapper };
  }

  it('after-install makes the helper setgid to the state group; a user writes through it but not directly', async () => {
    const { stateFile, helper, wrapper } = await installedMachine();
    expect(await modeOf(helper)).toEqual({ mode: 0o2755, uid: 0, gid: 0, link: false });
    const direct = await run('setpriv', [...asUser, 'sh', '-c', `echo '${declinedByUser}' > '${stateFile}'`]).then(() => 'written', (error: { stderr: string }) => error.stderr);
    expect(direct).toMatch(/Permission denied/);

    const store = new LaunchStateStore(stateFile, helperAccess(wrapper));
    expect((await store.read(new Date())).issue).toBe('missing');
    const record = { ...initialRecord(new Date()), remindersUsed: 2 };
    await store.write(record);
    expect(await store.read(new Date())).toEqual({ record });
    expect(await modeOf(stateFile)).toMatchObject({ mode: 0o660, uid: USER, gid: 0 }); // group from the setgid folder
    expect(stateOf((await store.read(new Date())).record)).toBe('not-registered');
  });

  it('refuses what is not a small JSON text, and reads nothing through a link', async () => {
    const { stateFile, wrapper, state } = await installedMachine();
    const write = (input: string) => run('sh', ['-c', `printf '%s' "$1" | '${wrapper}' write`, 'sh', input]).then(() => 0, (error: { code: number }) => error.code);
    expect(await write('not json')).toBe(65);
    expect(await write(`{"a":"${'x'.repeat(5000)}"}`)).toBe(65);
    expect(await write('{"a":"\u0001"}')).toBe(65);
    expect(await run(wrapper, ['delete']).then(() => 0, (error: { code: number }) => error.code)).toBe(64);
    expect(await write('{"format": 1}')).toBe(0);
    expect(await readFile(stateFile, 'utf8')).toBe('{"format": 1}');
    // Only root (the installer) could plant a link here; the helper still refuses to follow it.
    await writeFile(join(state, 'target'), registered);
    await run('ln', ['-sf', join(state, 'target'), stateFile]);
    expect(await run(wrapper, ['read']).then(() => 0, (error: { code: number }) => error.code)).toBe(1);
  });
});

describe.skipIf(!isRoot || !haveTools('cc'))('under dpkg (DPKG_MAINTSCRIPT_PACKAGE set), FBR_ROOT is ignored (in a private chroot)', () => {
  it('creates the group, the 2770 folder and the setgid helper at the real paths, not under FBR_ROOT', async () => {
    const jail = await tempDir('deb-jail');
    for (const dir of ['usr', 'etc', 'tmp', 'var/lib', 'sys/class/dmi/id', `opt/${MACROS.sanitizedProductName}/resources`]) await mkdir(join(jail, dir), { recursive: true });
    for (const dir of ['bin', 'sbin', 'lib', 'lib64']) await symlink(`usr/${dir}`, join(jail, dir));
    await writeFile(join(jail, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    await writeFile(join(jail, 'etc/group'), 'root:x:0:\n');
    await writeFile(join(jail, 'etc/gshadow'), 'root:*::\n', { mode: 0o600 });
    await compileStateHelper(join(jail, `opt/${MACROS.sanitizedProductName}/resources/fbr-state-helper`));
    await renderScript('after-install.sh', join(jail, 'tmp'));
    // /usr is the machine's, mounted read-only in a private mount namespace: nothing outside the jail changes.
    const { stderr } = await run('unshare', ['--mount', '--propagation', 'private', 'sh', '-c',
      `mount --bind /usr '${jail}/usr' && mount -o remount,bind,ro '${jail}/usr' && chroot '${jail}' /usr/bin/env -i PATH=/usr/sbin:/usr/bin DPKG_MAINTSCRIPT_PACKAGE=first-boot-registration FBR_ROOT=/fake bash /tmp/after-install.sh configure`]);
    expect(stderr).toContain('ignoring FBR_ROOT');
    expect(await exists(join(jail, 'fake'))).toBe(false);
    const group = /^first-boot-registration:x:(\d+):$/m.exec(await readFile(join(jail, 'etc/group'), 'utf8'));
    expect(group).not.toBeNull();
    const gid = Number(group?.[1]);
    expect(await modeOf(join(jail, 'var/lib/first-boot-registration/state'))).toEqual({ mode: 0o2770, uid: 0, gid, link: false });
    expect(await modeOf(join(jail, `opt/${MACROS.sanitizedProductName}/resources/fbr-state-helper`))).toEqual({ mode: 0o2755, uid: 0, gid, link: false });
    expect(await readFile(join(jail, 'etc/xdg/autostart/first-boot-registration.desktop'), 'utf8')).toBe(linuxDesktopEntry(EXE));
    expect((await stat(join(jail, 'var/lib/first-boot-registration/dmi-identity.json'))).mode & 0o777).toBe(0o644);
  });
});
