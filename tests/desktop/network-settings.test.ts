import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNetworkSettingsHandlers } from '../../electron/handlers/network-settings-handlers';
import { networkSettingsTarget, programOnPath } from '../../electron/network-settings/network-settings';

describe('network settings: which command per platform', () => {
  const none = () => false;
  const gnome = (file: string) => file === 'gnome-control-center';

  it('Windows and macOS open their settings URLs through the shell', () => {
    expect(networkSettingsTarget('win32', none)).toEqual({ kind: 'url', url: 'ms-settings:network' });
    expect(networkSettingsTarget('darwin', none)).toEqual({ kind: 'url', url: 'x-apple.systempreferences:com.apple.preference.network' });
  });

  it('Linux runs gnome-control-center network when present, else nothing (the button is hidden)', () => {
    expect(networkSettingsTarget('linux', gnome)).toEqual({ kind: 'program', file: 'gnome-control-center', args: ['network'] });
    expect(networkSettingsTarget('linux', none)).toBeNull();
    expect(networkSettingsTarget('freebsd', gnome)).toBeNull();
  });

  it('finds a program only when it is an executable on PATH', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fbr-path-'));
    try {
      await writeFile(join(dir, 'gnome-control-center'), '#!/bin/sh\n');
      expect(programOnPath('gnome-control-center', dir)).toBe(false);
      await chmod(join(dir, 'gnome-control-center'), 0o755);
      expect(programOnPath('gnome-control-center', dir)).toBe(true);
      expect(programOnPath('gnome-control-center', '')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('network settings handlers', () => {
  it('report availability and open only the fixed target, whatever argument arrives', async () => {
    const opened: string[] = [];
    const handlers = createNetworkSettingsHandlers({ target: networkSettingsTarget('win32', () => false), openUrl: (url) => Promise.resolve(void opened.push(url)) });
    expect(await handlers.networkSettingsAvailable(undefined)).toEqual({ ok: true, value: { available: true } });
    expect(await handlers.openNetworkSettings({ url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(opened).toEqual([]);
    expect(await handlers.openNetworkSettings(undefined)).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual(['ms-settings:network']);
  });

  it('start the Linux program with its one argument, and say so when it cannot start', async () => {
    const started: string[][] = [];
    const target = networkSettingsTarget('linux', () => true);
    const working = createNetworkSettingsHandlers({ target, startProgram: (file, args) => Promise.resolve(void started.push([file, ...args])) });
    expect(await working.openNetworkSettings(undefined)).toEqual({ ok: true, value: { opened: true } });
    expect(started).toEqual([['gnome-control-center', 'network']]);
    const broken = createNetworkSettingsHandlers({ target, startProgram: () => Promise.reject(new Error('ENOENT')) });
    expect(await broken.openNetworkSettings(undefined)).toMatchObject({ ok: false, error: { code: 'OPEN_FAILED' } });
  });

  it('are unavailable where nothing can be opened', async () => {
    const handlers = createNetworkSettingsHandlers({ target: null });
    expect(await handlers.networkSettingsAvailable(undefined)).toEqual({ ok: true, value: { available: false } });
    expect(await handlers.openNetworkSettings(undefined)).toMatchObject({ ok: false, error: { code: 'OPEN_FAILED' } });
  });
});
