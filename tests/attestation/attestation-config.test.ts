import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEkCaCertificates } from '../../server/attestation/ek-trust';
import { ConfigError, loadConfig } from '../../server/config';

describe('attestation configuration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ek-ca-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('defaults to off, and wants TPM_EK_CA_DIR for prefer and require', () => {
    expect(loadConfig({}).attestation).toEqual({ policy: 'off', ekCaDir: null, challengeSeconds: 300 });
    for (const policy of ['prefer', 'require']) expect(() => loadConfig({ ATTESTATION: policy })).toThrow(/TPM_EK_CA_DIR is required/);
    expect(() => loadConfig({ ATTESTATION: 'sometimes' })).toThrow(ConfigError);
    expect(loadConfig({ ATTESTATION: 'require', TPM_EK_CA_DIR: dir }).attestation.policy).toBe('require');
  });

  it('refuses at start a CA folder that is missing, empty or holds something that is not a certificate', async () => {
    expect(() => loadEkCaCertificates(path.join(dir, 'missing'))).toThrow(/cannot be read/);
    expect(() => loadEkCaCertificates(dir)).toThrow(/holds no CA certificate/);
    await writeFile(path.join(dir, 'junk.pem'), 'not a certificate');
    expect(() => loadEkCaCertificates(dir)).toThrow(/junk\.pem/);
  });
});
