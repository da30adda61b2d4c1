import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { DeviceIdentity, LookupResponse, MailLocale, RegistrationCreated } from '../../protocol';
import { customer, newRegistration, PASSWORD, pc } from './fixtures';
import { request, type ErrorResponse } from './http';

/** A fresh address per test, so each test reads only its own mail from the shared sink. */
export function uniqueEmail(): string {
  return `owner.${crypto.randomBytes(5).toString('hex')}@example.jp`;
}

/** A registered customer with a signed-in token: what most lifecycle tests start from. */
export interface SignedIn {
  device: DeviceIdentity;
  email: string;
  number: string;
  token: string;
  deviceId: string;
}

/** The customer calls of API.md a lifecycle suite makes against one host URL. */
export function lifecycleClient(url: () => string) {
  const lookup = (device: DeviceIdentity, password = PASSWORD) =>
    request<LookupResponse & ErrorResponse>(url(), 'POST', '/api/v1/registrations/lookup', { body: { device, password } });
  const register = async (options: { device?: DeviceIdentity; email?: string | null; locale?: MailLocale } = {}) => {
    const device = options.device ?? pc();
    const email = options.email === undefined ? uniqueEmail() : options.email;
    const person = email === null ? customer({ email: undefined }) : customer({ email });
    const body = { ...newRegistration({ device, customer: person }), ...(options.locale ? { locale: options.locale } : {}) };
    const response = await request<RegistrationCreated & ErrorResponse>(url(), 'POST', '/api/v1/registrations', { body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { device, email: email ?? '', number: response.body.registrationNumber };
  };
  const signIn = async (options: Parameters<typeof register>[0] = {}): Promise<SignedIn> => {
    const registered = await register(options);
    const response = await lookup(registered.device);
    expect(response.status).toBe(200);
    return { ...registered, token: response.body.accessToken, deviceId: response.body.devices[0]?.id ?? '' };
  };
  return { lookup, register, signIn };
}
