import crypto from 'node:crypto';
import type { Customer, DeviceIdentity } from '../../protocol';

/** A valid Japanese customer. */
export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    email: 'taro.yamada@example.jp',
    phone: '03-1234-5678',
    postalCode: '100-0001',
    address: '東京都千代田区千代田1-1',
    country: 'JP',
    ...overrides,
  };
}

/** A unique, valid serial so suites never collide with each other. */
export function uniqueSerial(prefix = 'SN'): string {
  return `${prefix}${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
}

/** A random well-formed SMBIOS UUID. */
export function uniqueUuid(): string {
  return crypto.randomUUID();
}

/** A PC as the wizard reads it. */
export function pc(overrides: Partial<DeviceIdentity> = {}): DeviceIdentity {
  return { kind: 'pc', vendor: 'LENOVO', model: 'ThinkPad T14', serial: uniqueSerial('PF'), hardwareUuid: uniqueUuid(), source: 'firmware', ...overrides };
}

/** A USB printer as the wizard reads it. */
export function printer(overrides: Partial<DeviceIdentity> = {}): DeviceIdentity {
  return { kind: 'printer', vendor: 'Canon', model: 'PIXUS TS8330', serial: uniqueSerial('CN'), usbVendorId: '04a9', usbProductId: '1824', source: 'usb', ...overrides };
}

/** The password every fixture registration uses. */
export const PASSWORD = 'correct horse battery';
/** The host's default privacy-policy version. */
export const POLICY_VERSION = '2026-01';

/** A complete, valid `POST /api/v1/registrations` body. */
export function newRegistration(overrides: { device?: DeviceIdentity; customer?: Customer; password?: string; requestId?: string } = {}) {
  return {
    requestId: overrides.requestId ?? crypto.randomUUID(),
    device: overrides.device ?? pc(),
    customer: overrides.customer ?? customer(),
    password: overrides.password ?? PASSWORD,
    consent: { privacyPolicyVersion: POLICY_VERSION },
  };
}
