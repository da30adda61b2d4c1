import { describe, expect, it, vi } from 'vitest';
import type { DeviceIdentity, IpcResult, ScannedDevice } from '../../protocol';
import { createHandlerMap } from '../../electron/handlers/create-handler-map';
import type { DeviceScanner } from '../../electron/hardware/device-scanner';
import type { HostClient } from '../../electron/host-client/host-client';

const pc: ScannedDevice = {
  id: 'pc-1', kind: 'pc', source: 'firmware', vendor: 'Acme', model: 'Box 9', displayName: 'Acme Box 9',
  serial: 'PC123456', identifiable: true,
};
const panel: ScannedDevice = {
  id: 'mon-1', kind: 'monitor', source: 'edid', vendor: 'Acme', model: 'Panel', displayName: 'Acme Panel',
  serial: null, identifiable: false, reason: 'no-serial',
};
const pcIdentity: DeviceIdentity = { kind: 'pc', vendor: 'Acme', model: 'Box 9', serial: 'PC123456', source: 'firmware' };
const customer = {
  name: '山田 太郎', nameKana: 'ヤマダ タロウ', email: 'taro@example.jp', phone: '03-1234-5678',
  postalCode: '100-0001', address: '東京都千代田区千代田1-1', country: 'JP',
};
const created = { registrationNumber: '0000-0000-0000', device: { kind: 'pc' as const, vendor: 'Acme', model: 'Box 9', serial: 'PC123456' }, registeredAt: new Date().toISOString() };
const lookupAnswer = {
  registrationNumber: '0000-0000-0000', customer, devices: [], accessToken: 'secret-token', expiresAt: new Date(Date.now() + 600_000).toISOString(),
};

function setup() {
  const readIdentity = vi.fn((id: string) => Promise.resolve(id === 'pc-1' ? pcIdentity : null));
  const scanner: DeviceScanner = {
    scan: vi.fn(() => Promise.resolve({ devices: [pc, panel], warnings: [] })),
    readIdentity,
  };
  const host = {
    baseUrl: 'http://127.0.0.1:1',
    getForm: vi.fn(),
    register: vi.fn((_body: unknown): Promise<IpcResult<typeof created>> => Promise.resolve({ ok: true, value: created })),
    lookup: vi.fn((): Promise<IpcResult<typeof lookupAnswer>> => Promise.resolve({ ok: true, value: lookupAnswer })),
    update: vi.fn(),
    addDevice: vi.fn((_number: string, _token: string, _body: unknown): Promise<IpcResult<typeof created>> => Promise.resolve({ ok: true, value: created })),
    requestRecovery: vi.fn(),
    confirmRecovery: vi.fn(),
    requestTransfer: vi.fn(),
    transferStatus: vi.fn(),
    exportRegistration: vi.fn(),
    releaseDevice: vi.fn(),
    eraseRegistration: vi.fn(),
  } satisfies HostClient;
  const map = createHandlerMap({
    scanner, host, close: () => undefined,
    appInfo: () => ({ version: '0', locale: 'ja', hostUrl: host.baseUrl, launchedAtLogin: false }),
  });
  return { map, host, readIdentity };
}

describe('IPC handlers', () => {
  it('refuse a device id no scan produced, without calling the host', async () => {
    const { map, host } = setup();
    await map.scanDevices(undefined);
    const result = await map.register({ deviceId: 'forged-id', customer, password: 'correct horse', privacyPolicyVersion: '1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEVICE' } });
    const lookup = await map.lookup({ deviceId: 'forged-id', password: 'whatever1' });
    expect(lookup).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEVICE' } });
    expect(host.register).not.toHaveBeenCalled();
    expect(host.lookup).not.toHaveBeenCalled();
  });

  it('refuse ids before any scan, and devices that cannot be identified', async () => {
    const { map } = setup();
    expect(await map.lookup({ deviceId: 'pc-1', password: 'whatever1' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEVICE' } });
    await map.scanDevices(undefined);
    expect(await map.lookup({ deviceId: 'mon-1', password: 'whatever1' })).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_SELECTABLE' } });
  });

  it.each([
    ['register', { deviceId: 'pc-1', customer, password: 'correct horse', privacyPolicyVersion: '1', device: pcIdentity }],
    ['register', { deviceId: 'pc-1', customer: { ...customer, postalCode: '1' }, password: 'correct horse', privacyPolicyVersion: '1' }],
    ['register', 'pc-1'],
    ['lookup', { deviceId: '', password: 'x' }],
    ['lookup', null],
    ['addDevice', { registrationNumber: '0000-0000-0000', deviceId: 'pc-1', serial: 'X' }],
    ['update', { registrationNumber: 42, customer }],
    ['scanDevices', { deep: true }],
    ['setLaunchChoice', 'forever'],
  ] as const)('refuse a malformed %s argument', async (method, arg) => {
    const { map, host } = setup();
    await map.scanDevices(undefined);
    const result = await map[method](arg);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(host.register).not.toHaveBeenCalled();
  });

  it('send the identifiers the scanner re-read, never ones from the renderer', async () => {
    const { map, host, readIdentity } = setup();
    await map.scanDevices(undefined);
    const result = await map.register({ deviceId: 'pc-1', customer, password: 'correct horse', privacyPolicyVersion: '1' });
    expect(result.ok).toBe(true);
    expect(readIdentity).toHaveBeenCalledWith('pc-1');
    expect(host.register.mock.calls[0]).toMatchObject([{ device: pcIdentity, consent: { privacyPolicyVersion: '1' } }]);
  });

  it('keep the access token in the main process and use it to add a device', async () => {
    const { map, host } = setup();
    await map.scanDevices(undefined);
    const lookup = await map.lookup({ deviceId: 'pc-1', password: 'correct horse' });
    expect(lookup.ok && JSON.stringify(lookup.value)).not.toContain('secret-token');
    const added = await map.addDevice({ registrationNumber: '0000-0000-0000', deviceId: 'pc-1' });
    expect(added.ok).toBe(true);
    expect(host.addDevice.mock.calls[0]?.[1]).toBe('secret-token');
  });

  it('refuse to add a device without a session', async () => {
    const { map } = setup();
    await map.scanDevices(undefined);
    expect(await map.addDevice({ registrationNumber: '0000-0000-0000', deviceId: 'pc-1' })).toMatchObject({ ok: false, error: { code: 'NO_SESSION' } });
  });

  it('say how many tries remain after a wrong password', async () => {
    const { map, host } = setup();
    host.lookup.mockResolvedValue({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'no' } } as never);
    await map.scanDevices(undefined);
    const first = await map.lookup({ deviceId: 'pc-1', password: 'wrong-one' });
    expect(first).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS', attemptsRemaining: 4 } });
  });

  it("hold the customer to the host's form: hidden fields refused, optional ones may be left out", async () => {
    const { map, host } = setup();
    const fields = { name: 'required', nameKana: 'optional', email: 'required', phone: 'hidden', postalCode: 'optional', address: 'required', country: 'required' } as const;
    host.getForm.mockResolvedValue({ ok: true, value: { privacyPolicy: { version: '1', url: 'https://example.com' }, fields, passwordPolicy: { minLength: 10 }, deviceKinds: ['pc'], outboxPublicKey: 'x' } });
    await map.getForm(undefined);
    await map.scanDevices(undefined);
    const { phone: _phone, postalCode: _postal, ...withoutPhone } = customer;
    expect((await map.register({ deviceId: 'pc-1', customer: withoutPhone, password: 'long enough!', privacyPolicyVersion: '1' })).ok).toBe(true);
    const refused = await map.register({ deviceId: 'pc-1', customer, password: 'short-pw', privacyPolicyVersion: '1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const paths = refused.ok ? [] : (refused.error.fields ?? []).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['customer.phone', 'password']));
    expect(host.register).toHaveBeenCalledTimes(1);
  });

  it('open only the privacy notice the host published, never an address from the renderer', async () => {
    const opened: string[] = [];
    const { host } = setup();
    const map = createHandlerMap({
      scanner: { scan: vi.fn(() => Promise.resolve({ devices: [], warnings: [] })), readIdentity: vi.fn(() => Promise.resolve(null)) },
      host,
      close: () => undefined,
      appInfo: () => ({ version: '0', locale: 'ja', hostUrl: host.baseUrl, launchedAtLogin: false }),
      openExternal: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
    });
    // Before the host answered: the build's notice.
    expect(await map.openPrivacyNotice(undefined)).toEqual({ ok: true, value: { url: 'https://example.com/privacy' } });
    host.getForm.mockResolvedValue({ ok: true, value: { privacyPolicy: { version: '2026-01', url: 'https://maker.example/privacy' }, fields: {}, passwordPolicy: { minLength: 8 }, deviceKinds: ['pc'], outboxPublicKey: 'x' } });
    await map.getForm(undefined);
    expect(await map.openPrivacyNotice(undefined)).toEqual({ ok: true, value: { url: 'https://maker.example/privacy' } });
    expect(await map.openPrivacyNotice('file:///etc/passwd')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    host.getForm.mockResolvedValue({ ok: true, value: { privacyPolicy: { version: '2026-01', url: 'javascript:alert(1)' }, fields: {}, passwordPolicy: { minLength: 8 }, deviceKinds: ['pc'], outboxPublicKey: 'x' } });
    await map.getForm(undefined);
    expect(await map.openPrivacyNotice(undefined)).toMatchObject({ ok: false, error: { code: 'OPEN_FAILED' } });
    expect(opened).toEqual(['https://example.com/privacy', 'https://maker.example/privacy']);
  });
});
