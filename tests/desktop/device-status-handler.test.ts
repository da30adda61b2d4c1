import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWizardStack, type WizardStack } from '../../scripts/preview/wizard-stack';

const OFFICE_PC = resolve(import.meta.dirname, '../fixtures/replay/office-pc');
const CUSTOMER = { name: '山田 太郎', nameKana: 'ヤマダ タロウ', email: 'taro@example.jp', phone: '03-1234-5678', postalCode: '100-0001', address: '東京都千代田区千代田1-1', country: 'JP' };

describe('deviceStatus handler against the real host', () => {
  let stack: WizardStack;
  beforeAll(async () => {
    stack = await startWizardStack({ replayDir: OFFICE_PC, fast: true, hostEnv: { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' } });
  });
  afterAll(async () => stack.stop());

  it('answers each scanned device in order: registered after a registration, unregistered, not identifiable', async () => {
    const { handlers } = stack;
    const form = await handlers.getForm(undefined);
    const scan = await handlers.scanDevices(undefined);
    if (!form.ok || !scan.ok) throw new Error('host or scan failed');
    const pc = scan.value.devices.find((d) => d.kind === 'pc');
    const printer = scan.value.devices.find((d) => d.kind === 'printer' && d.identifiable);
    const keyboard = scan.value.devices.find((d) => !d.identifiable);
    if (!pc || !printer || !keyboard) throw new Error('office PC replay changed');
    const created = await handlers.register({ deviceId: pc.id, customer: CUSTOMER, password: 'first-boot-2026', privacyPolicyVersion: form.value.privacyPolicy.version });
    expect(created.ok).toBe(true);

    const status = await handlers.deviceStatus({ deviceIds: [printer.id, pc.id, keyboard.id] });
    expect(status).toEqual({
      ok: true,
      value: {
        devices: [
          { deviceId: printer.id, status: 'unregistered' },
          { deviceId: pc.id, status: 'registered', matchedOn: 'hardwareUuid' },
          { deviceId: keyboard.id, status: 'not_identifiable' },
        ],
      },
    });
  });

  it('refuses ids no scan produced, empty and oversized lists, before asking the host', async () => {
    const { handlers } = stack;
    expect(await handlers.deviceStatus({ deviceIds: ['usb-0000-0000-nope'] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEVICE' } });
    expect(await handlers.deviceStatus({ deviceIds: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await handlers.deviceStatus({ deviceIds: Array.from({ length: 51 }, (_, i) => `d${i}`) })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await handlers.deviceStatus({ deviceIds: ['x'], extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
