import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { databaseVariants, postgresVariantOnly } from '../support/databases';
import { customer, newRegistration } from '../support/fixtures';
import { spawnHost } from '../support/host-process';
import { request } from '../support/http';
import { uniqueEmail } from '../support/lifecycle-client';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestHost, TEST_HOST_ENV, type TestHost } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('mail-delivery.test');
const postgres = await postgresVariantOnly('mail-delivery.test');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const register = (url: string, email: string) =>
  request<RegistrationCreated>(url, 'POST', '/api/v1/registrations', { body: newRegistration({ customer: customer({ email }) }) });

// One engine is enough for the crash (PostgreSQL when there is one): the queue is the same code on both.
describe.each(variants.slice(-1))('mail survives a SIGKILL between commit and send on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('sends the notice after restart, exactly once, with its Message-ID', async () => {
    const env = { ...TEST_HOST_ENV, PORT: '0', DATABASE_URL: suite.database.url, DATA_DIR: suite.database.dataDir, SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1', MAIL_LEASE_SECONDS: '2' };
    sink.refuse = true;
    const first = await spawnHost(env);
    const email = uniqueEmail();
    const created = await register(first.url, email);
    expect(created.status).toBe(201);
    // Committed and tried (refused for now): the notice is in the queue, not delivered.
    await until(() => sink.refused >= 1, 15_000, 'a refused delivery');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(sink.mails).toHaveLength(0);

    sink.refuse = false;
    const second = await spawnHost(env);
    try {
      await sink.waitFor(1, 20_000);
      // Two more retry periods: nothing may arrive twice.
      await sleep(2500);
      const mails = sink.to(email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text).toContain(created.body.registrationNumber);
      expect(mails[0]?.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
      expect(first.stdout() + second.stdout()).not.toContain(email);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

if (postgres.length === 0) it.skip('several hosts on one PostgreSQL (needs PostgreSQL: see the note printed above)', () => undefined);
describe.each(postgres)('several host processes sharing one $kind queue', (variant) => {
  const suite = useTestDatabase(variant);
  let sink: SmtpSink;
  const hosts: TestHost[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink();
    for (let i = 0; i < 3; i += 1) hosts.push(await startTestHost(suite.database, { SMTP_URL: sink.url, MAIL_RETRY_SECONDS: '1' }));
  });
  afterAll(async () => {
    for (const host of hosts) await host.close();
    await sink.close();
  });

  it('sends each of 30 queued notices once while three hosts claim at the same time', async () => {
    sink.refuse = true;
    const emails = Array.from({ length: 30 }, () => uniqueEmail());
    const responses = await Promise.all(emails.map((email, i) => register(hosts[i % hosts.length]?.url ?? '', email)));
    expect(responses.every((response) => response.status === 201)).toBe(true);
    await until(() => sink.refused >= 3, 15_000, 'refused deliveries');
    sink.refuse = false;
    await sink.waitFor(30, 30_000);
    await sleep(2500);
    expect(sink.mails).toHaveLength(30);
    expect(new Set(sink.mails.map((mail) => mail.messageId)).size).toBe(30);
    for (const email of emails) expect(sink.to(email)).toHaveLength(1);
  });
});

describe('MAIL_DIR without an SMTP server', () => {
  const suite = useTestDatabase(variants[0] ?? { kind: 'sqlite', create: () => Promise.reject(new Error('no variant')) });
  let host: TestHost;
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-dir-'));
    host = await startTestHost(suite.database, { MAIL_DIR: dir });
  });
  afterAll(async () => {
    await host.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes each mail as an .eml file, says recovery is on, and logs only the file name', async () => {
    const form = await request<{ recovery: boolean }>(host.url, 'GET', '/api/v1/form');
    expect(form.body.recovery).toBe(true);
    const email = uniqueEmail();
    const created = await register(host.url, email);
    expect(created.status).toBe(201);
    let files: string[] = [];
    const poll = setInterval(() => {
      void fs.readdir(dir).then((names) => (files = names.filter((name) => name.endsWith('.eml'))));
    }, 50);
    try {
      await until(() => files.length > 0, 10_000, 'an .eml file');
    } finally {
      clearInterval(poll);
    }
    expect(files).toHaveLength(1);
    const mail = await simpleParser(await fs.readFile(path.join(dir, files[0] ?? '')));
    expect(JSON.stringify(mail.to)).toContain(email);
    expect(mail.text).toContain(created.body.registrationNumber);
    const logs = host.logs.join('\n');
    expect(logs).toContain(files[0]);
    expect(logs).not.toContain(email);
  });
});
