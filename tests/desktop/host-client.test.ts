import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHostUrl } from '../../electron/config/host-url';
import { createHostClient } from '../../electron/host-client/host-client';
import type { NewRegistrationRequest } from '../../protocol';

const body: NewRegistrationRequest = {
  requestId: '6f1c2f0e-3b7a-4c55-9d7e-3a7d2f1b9c10',
  device: { kind: 'printer', vendor: 'Canon', model: 'LBP', serial: '0441BFZ2', source: 'usb' },
  customer: { name: 'A', nameKana: undefined, email: 'a@example.jp', phone: '03-1234-5678', postalCode: '100-0001', address: 'x', country: 'JP' },
  password: 'password-123',
  consent: { privacyPolicyVersion: '2026-01' },
};
const created = { registrationNumber: '0000-0000-0000', device: { kind: 'printer', vendor: 'Canon', model: 'LBP', serial: '0441BFZ2' }, registeredAt: '2026-01-01T00:00:00.000Z' };

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A host whose handler decides per request number; answers JSON. */
async function fakeHost(handle: (n: number, req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<string> {
  let n = 0;
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => handle((n += 1), req, text, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

describe('host client', () => {
  it('resends after a dropped connection with the same requestId, so the host registers once', async () => {
    const seen: string[] = [];
    const url = await fakeHost((n, _req, text, res) => {
      seen.push((JSON.parse(text) as { requestId: string }).requestId);
      if (n === 1) res.socket?.destroy();
      else res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(created));
    });
    const result = await createHostClient({ baseUrl: url, retryDelayMs: 1 }).register(body);
    expect(result).toEqual({ ok: true, value: created });
    expect(seen).toEqual([body.requestId, body.requestId]);
  });

  it('does not resend a lookup that may have reached the host (it would count as an attempt)', async () => {
    let calls = 0;
    const url = await fakeHost((_n, _req, _text, res) => {
      calls += 1;
      res.socket?.destroy();
    });
    const result = await createHostClient({ baseUrl: url, retryDelayMs: 1 }).lookup({ device: body.device, password: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_UNREACHABLE' } });
    expect(calls).toBe(1);
  });

  it("maps the host's errors, matchedOn and Retry-After", async () => {
    const url = await fakeHost((n, _req, _text, res) => {
      if (n === 1) res.writeHead(409, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'DEVICE_ALREADY_REGISTERED', message: 'x', matchedOn: 'serial' } }));
      else res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '120' }).end(JSON.stringify({ error: { code: 'TOO_MANY_ATTEMPTS', message: 'x' } }));
    });
    const client = createHostClient({ baseUrl: url });
    expect(await client.register(body)).toMatchObject({ ok: false, error: { code: 'DEVICE_ALREADY_REGISTERED', matchedOn: 'serial' } });
    expect(await client.lookup({ device: body.device, password: 'x' })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 120 } });
  });

  it('says HOST_UNREACHABLE when nothing listens', async () => {
    const result = await createHostClient({ baseUrl: 'http://127.0.0.1:9', retries: 1, retryDelayMs: 1 }).getForm();
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_UNREACHABLE' } });
  });

  it('allows plain http only to loopback', () => {
    expect(checkHostUrl('https://registration.example.com/')).toBe('https://registration.example.com');
    expect(checkHostUrl('http://127.0.0.1:4780')).toBe('http://127.0.0.1:4780');
    expect(checkHostUrl('http://localhost:4780')).toBe('http://localhost:4780');
    expect(() => checkHostUrl('http://registration.example.com')).toThrow(/https/);
    expect(() => checkHostUrl('http://127.0.0.1.example.com')).toThrow(/https/);
    expect(() => checkHostUrl('ftp://127.0.0.1')).toThrow();
  });
});
