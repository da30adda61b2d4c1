import { describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { en } from '../../renderer/src/i18n/en';
import { receiptFacts } from '../../renderer/src/steps/success-receipt';

const t = (key: string): string => {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
  if (typeof value !== 'string') throw new Error(`no English text for ${key}`);
  return value;
};
const created = (kind: string, vendor: string, model: string): RegistrationCreated =>
  ({ registrationNumber: '1M1S-C87A-K3N2', registeredAt: '2026-12-01T16:56:00Z', device: { kind, vendor, model, serial: '0441BFZ2' } }) as unknown as RegistrationCreated;

describe('the receipt names the device once', () => {
  it('puts the kind before a name that does not say it', () => {
    expect(receiptFacts(t, created('pc', 'Dell Inc.', 'Inspiron 620'), 'en')[1]).toBe('Device: PC Dell Inspiron 620');
  });

  it('leaves the kind out when the name already says it', () => {
    expect(receiptFacts(t, created('printer', 'Canon', 'LaserShot LBP-1120 Printer'), 'en')[1]).toBe('Device: Canon LaserShot LBP-1120 Printer');
  });
});
