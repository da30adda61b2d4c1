import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FormSettings, LookupResponse, RegistrationCreated } from '../../protocol';
import { sealFor } from '../../server/security/sealed-box';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, pc, printer } from '../support/fixtures';
import { request } from '../support/http';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('logging.test');

describe.each(variants)('request log on $kind', (variant) => {
  const suite = useTestHost(variant, { LOG_LEVEL: 'trace' });

  it('writes one line per request and never personal data, passwords, tokens, serials or sealed payloads', async () => {
    const secrets = {
      name: 'Zebediah Quillfeather',
      nameKana: 'ゼベダイア',
      email: 'zebediah.quill@example.org',
      phone: '090-8765-4321',
      postalCode: '606-8501',
      address: 'Kyoto Sakyo Yoshida-honmachi 36',
    };
    const password = 'Sup3r-Secret-Passphrase';
    const newPassword = 'An0ther-Secret-Passphrase';
    const device = pc({ serial: 'SERIALLEAKCHECK42' });
    const body = newRegistration({ device, customer: customer(secrets), password });
    const created = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body });
    expect(created.status).toBe(201);
    const failing = await request(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...newRegistration({ customer: customer({ ...secrets, email: `${secrets.email}x@@` }), password }) } });
    expect(failing.status).toBe(422);
    await request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password: 'WrongPass-Secret-99' } });
    const found = await request<LookupResponse>(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password } });
    const token = found.body.accessToken;
    await request(suite.host.url, 'PATCH', `/api/v1/registrations/${created.body.registrationNumber}`, {
      body: { customer: customer({ ...secrets, address: 'Kyoto Sakyo Changed 99' }), newPassword },
      token,
    });
    await request(suite.host.url, 'POST', `/api/v1/registrations/${created.body.registrationNumber}/devices`, {
      body: { requestId: crypto.randomUUID(), device: printer({ serial: 'PRINTERLEAK77' }) },
      token,
    });
    const form = await request<FormSettings>(suite.host.url, 'GET', '/api/v1/form');
    const sealed = await sealFor(JSON.stringify(newRegistration({ customer: customer(secrets), password })), form.body.outboxPublicKey);
    await request(suite.host.url, 'POST', '/api/v1/registrations/sealed', { body: { sealed } });
    await request(suite.host.url, 'POST', '/api/v1/registrations', { raw: `{"password":"${password}"` });

    const requestLines = suite.host.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request');
    expect(requestLines).toHaveLength(9);
    for (const entry of requestLines) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['method', 'route', 'status', 'durationMs', 'requestId']));
      expect(typeof entry.durationMs).toBe('number');
    }
    expect(requestLines.map((entry) => entry.route)).toContain('/api/v1/registrations/:registrationNumber');

    const everything = suite.host.logs.join('\n');
    const forbidden = [
      ...Object.values(secrets),
      secrets.email.split('@')[0] ?? '',
      password,
      newPassword,
      'WrongPass-Secret-99',
      token,
      token.split('.')[2] ?? '',
      sealed.slice(0, 24),
      'SERIALLEAKCHECK42',
      'PRINTERLEAK77',
      'Kyoto',
      created.body.registrationNumber,
    ];
    for (const value of forbidden) expect(everything, `log contains ${value}`).not.toContain(value);
  });
});
