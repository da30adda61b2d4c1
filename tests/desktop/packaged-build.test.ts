import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builderConfig, buildLinuxDir, builtWire, expectedWire, STOCK_WIRE } from '../../scripts/build-linux-dir';
import { signingStatus } from '../../scripts/signing-status';
import { haveTools } from '../support/system-tools';
import { tempDir } from './support/outbox-fixtures';

describe.skipIf(!haveTools('cc'))('the packaged Linux build (electron-builder dir, stand-in Electron)', () => {
  it('has the security fuses flipped in the built binary, read back with @electron/fuses, and carries the state helper', async () => {
    const work = await tempDir('packaged');
    const appDir = join(work, 'app');
    await mkdir(appDir);
    await writeFile(join(appDir, 'package.json'), JSON.stringify({ name: 'first-boot-registration', version: '0.0.1', description: 'test', author: 'Example', main: 'main.cjs' }));
    await writeFile(join(appDir, 'main.cjs'), '"use strict";\n');
    const unpacked = await buildLinuxDir({ appDir, outputDir: join(work, 'out'), standInDir: join(work, 'stand-in') });
    const config = await builderConfig();
    const wire = await builtWire(join(unpacked, config.executableName));
    // runAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, only asar, …
    expect(wire).toBe('01001100');
    expect(wire).toBe(expectedWire(config.electronFuses));
    expect(wire).not.toBe(STOCK_WIRE);
    expect((await readFile(join(unpacked, 'resources/fbr-state-helper'))).subarray(1, 4).toString('latin1')).toBe('ELF');
  }, 120_000);
});

describe('signing status', () => {
  it('says in one line per platform what is skipped, and never prints a secret', () => {
    const none = signingStatus({});
    expect(none).toHaveLength(3);
    expect(none[0]).toMatch(/^signing: Windows skipped.*WIN_CSC_LINK \+ WIN_CSC_KEY_PASSWORD/);
    expect(none[1]).toMatch(/^signing: macOS skipped.*APPLE_API_KEY \+ APPLE_API_KEY_ID \+ APPLE_API_ISSUER/);
    const secrets = { WIN_CSC_LINK: 'c2VjcmV0LXBmeA==', WIN_CSC_KEY_PASSWORD: 'hunter2', CSC_LINK: '/keys/mac.p12', CSC_KEY_PASSWORD: 'pw-mac', APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123' };
    const lines = signingStatus(secrets);
    expect(lines[0]).toBe('signing: Windows signed with WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD');
    expect(lines[1]).toBe('signing: macOS signed with CSC_LINK + CSC_KEY_PASSWORD, notarized with APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID');
    for (const value of Object.values(secrets)) expect(lines.join('\n')).not.toContain(value);
    expect(signingStatus({ WIN_CSC_LINK: 'x' })[0]).toMatch(/skipped/); // a certificate without its password is not enough
  });
});
