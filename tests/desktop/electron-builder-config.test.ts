import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(resolve(ROOT, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  nsis: { include: string };
  deb: { afterInstall: string; afterRemove: string };
};

describe('build/electron-builder.yml', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ ...config, asar: 'yes', notAnOption: 1 }), 'the schema check must catch a wrong config').toBe(false);
  });

  it('flips the security fuses and packs into an asar without native rebuilds', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config).toMatchObject({ asar: true, npmRebuild: false, nodeGypRebuild: false });
    expect(config.files).toContain('!**/node_modules/**/*');
  });

  it('builds NSIS, deb, AppImage and dmg, with the installer hooks that exist', () => {
    const targets = JSON.stringify([config.win, config.linux, config.mac]);
    for (const target of ['nsis', 'deb', 'AppImage', 'dmg']) expect(targets).toContain(`"${target}"`);
    for (const hook of [config.nsis.include, config.deb.afterInstall, config.deb.afterRemove]) {
      expect(existsSync(resolve(ROOT, hook)), hook).toBe(true);
    }
  });
});
