import { describe, expect, it } from 'vitest';
import { loadDesktopConfig } from '../../electron/config/desktop-config';
import { DEFAULT_IDENTITY_FILE } from '../../electron/hardware/identity-file';

const TEST_VARIABLES = { REGISTRATION_REPLAY_DIR: '/tmp/made-up-machine', FBR_IDENTITY_FILE: '/tmp/made-up-identity.json' };

describe('loadDesktopConfig: development-only variables', () => {
  it('honours the replay folder and identity file in development', () => {
    const config = loadDesktopConfig(TEST_VARIABLES, { isPackaged: false });
    expect(config.replayDir).toBe('/tmp/made-up-machine');
    expect(config.identityFile).toBe('/tmp/made-up-identity.json');
  });

  it('ignores both in the packaged app, so a user cannot make it submit made-up identifiers', () => {
    const config = loadDesktopConfig(TEST_VARIABLES, { isPackaged: true });
    expect(config.replayDir).toBeUndefined();
    expect(config.identityFile).toBe(DEFAULT_IDENTITY_FILE);
    expect(config.ignoredVariables).toEqual(['REGISTRATION_REPLAY_DIR', 'FBR_IDENTITY_FILE']);
  });

  it('still validates and applies the production variables when packaged', () => {
    const config = loadDesktopConfig({ REGISTRATION_HTTP_RETRIES: '4' }, { isPackaged: true });
    expect(config.retries).toBe(4);
    expect(config.ignoredVariables).toEqual([]);
    expect(() => loadDesktopConfig({ REGISTRATION_HTTP_RETRIES: 'x' }, { isPackaged: true })).toThrow(/REGISTRATION_HTTP_RETRIES/);
  });
});
