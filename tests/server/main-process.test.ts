import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRegistration } from '../support/fixtures';
import { request } from '../support/http';
import { runHostExpectingExit, spawnHost } from '../support/host-process';
import { TEST_HOST_ENV } from '../support/test-host';

describe('npm run host (server/main.ts)', () => {
  describe.concurrent('bad configuration', () => {
    it.each([
      [{ PORT: 'eighty' }, /^Invalid configuration: PORT .*"eighty"/],
      [{ PORT: '70000' }, /^Invalid configuration: PORT must be at most 65535/],
      [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL /],
      [{ RATE_LIMIT_PER_MINUTE: '-1' }, /^Invalid configuration: RATE_LIMIT_PER_MINUTE /],
      [{ FIELD_POLICIES: 'name=hidden' }, /^Invalid configuration: FIELD_POLICIES name is always required/],
      [{ TRUST_PROXY: 'true' }, /^Invalid configuration: TRUST_PROXY must be a hop count/],
      [{ TOKEN_SIGNING_KEY: 'short' }, /^Invalid configuration: TOKEN_SIGNING_KEY must be base64 of 32 bytes/],
    ])('refuses a bad value with one clear line and exit 1: %o', async (env, message) => {
      const result = await runHostExpectingExit({ ...env, DATA_DIR: path.join(os.tmpdir(), 'never-created') });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  });

  describe.concurrent('a refused URL never shows its credentials (#9)', () => {
    it.each([
      // Wrong scheme, a port out of range, and a password with an unencoded @: each refused, none echoed.
      [{ SMTP_URL: 'http://mailer:s3cret-Pa55@mail.example.jp:587' }, /^Invalid configuration: SMTP_URL must be smtp:\/\/host:port/],
      [{ SMTP_URL: 'smtps://mailer:s3cret-Pa55@mail.example.jp:99999' }, /^Invalid configuration: SMTP_URL must be smtp:\/\/host:port/],
      [{ SMTP_URL: 'smtp//mailer:s3cret@Pa55@mail.example.jp' }, /^Invalid configuration: SMTP_URL .*"…@mail\.example\.jp"/],
      [{ DATABASE_URL: 'mysql://admin:s3cret-Pa55@db.example.jp/registrations' }, /^Invalid configuration: DATABASE_URL .*"mysql:\/\/…@db\.example\.jp\/registrations"/],
      [{ OPERATOR_OIDC_ISSUER: 'https://login.example.jp', OPERATOR_OIDC_CLIENT_ID: 'console', OPERATOR_OIDC_CLIENT_SECRET: ' ' }, /^Invalid configuration: OPERATOR_OIDC_CLIENT_SECRET/],
    ])('%o', async (env, message) => {
      const result = await runHostExpectingExit({ ...env, DATA_DIR: path.join(os.tmpdir(), 'never-created') });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/s3cret|Pa55|mailer:|admin:/);
    });
  });

  it('defaults to SQLite under DATA_DIR, logs each listener’s address once, and stops both cleanly on SIGTERM after in-flight work', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'host-main-'));
    try {
      const host = await spawnHost({ ...TEST_HOST_ENV, PORT: '0', DATA_DIR: dataDir, PASSWORD_HASH_MEMORY_KIB: '65536', PASSWORD_HASH_TIME_COST: '8' });
      expect(host.stdout().match(/registration host listening on/g)).toHaveLength(1);
      expect(host.stdout().match(/operator listener listening on/g)).toHaveLength(1);
      expect(host.operatorUrl).not.toBe(host.url);
      expect((await request(host.operatorUrl, 'GET', '/auth/status')).status).toBe(200);
      const inFlight = request(host.url, 'POST', '/api/v1/registrations', { body: newRegistration() });
      await new Promise((resolve) => setTimeout(resolve, 150));
      host.child.kill('SIGTERM');
      expect((await inFlight).status).toBe(201);
      expect(await host.exited).toBe(0);
      await expect(fetch(`${host.operatorUrl}/auth/status`)).rejects.toThrow();
      const files = await fs.readdir(dataDir);
      expect(files).toContain('registrations.sqlite');
      expect((await fs.readdir(path.join(dataDir, 'keys'))).sort()).toEqual(['outbox-secret.key', 'request-hash.key', 'token-signing.key']);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('stops on SIGINT too', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'host-main-'));
    try {
      const host = await spawnHost({ ...TEST_HOST_ENV, PORT: '0', DATABASE_URL: `sqlite:${path.join(dataDir, 'other.db')}`, DATA_DIR: dataDir });
      expect((await request(host.url, 'GET', '/readyz')).status).toBe(200);
      host.child.kill('SIGINT');
      expect(await host.exited).toBe(0);
      expect(await fs.readdir(dataDir)).toContain('other.db');
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
