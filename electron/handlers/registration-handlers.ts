import {
  customerSchema,
  normaliseRegistrationNumber,
  type AttestationProof,
  type Customer,
  type DeviceIdentity,
  type FormSettings,
  type IpcHandlerMap,
  type IpcResult,
} from '../../protocol';
import type { HostClient } from '../host-client/host-client';
import type { PcAttestor } from '../tpm/pc-attestor';
import { BUILD_PRIVACY_POLICY } from '../outbox/build-form';
import { AttemptCounter } from './attempt-counter';
import { defineHandler, fail, issuesToFields, ok, passwordPolicyIssues } from './define-handler';
import type { DeviceRegistry } from './device-registry';
import { RequestIds } from './request-ids';
import { SessionStore } from './session-store';

export interface RegistrationHandlerDeps {
  host: HostClient;
  devices: DeviceRegistry;
  /** The host's lockout threshold (attempts), mirrored to say how many tries remain. */
  lookupAttempts?: number;
  /** Shared with "Finish later", so the same submission keeps one requestId online and offline. */
  requestIds?: RequestIds;
  onRegistered?: (registrationNumber: string) => void;
  /** Proves a PC's TPM before it is registered (docs/attestation.md); without it PCs go unattested. */
  attestor?: PcAttestor;
  /** Opens a URL in the system browser (Electron's shell.openExternal); only the privacy notice's URL is ever passed. */
  openExternal?: (url: string) => Promise<void>;
  /** Shared with the lifecycle handlers, which act with the token a sign-in left here. */
  sessions?: SessionStore;
  /** Told of every form the host sends (the lifecycle handlers check new passwords against it). */
  onForm?: (form: FormSettings) => void;
}

type RegistrationHandlers = Pick<IpcHandlerMap, 'getForm' | 'register' | 'lookup' | 'update' | 'addDevice' | 'openPrivacyNotice'>;

/** Checks a customer against the host's current form (required/optional/hidden) before anything is sent. */
function checkCustomer(form: FormSettings | undefined, customer: Customer, password?: string): IpcResult<null> {
  if (form === undefined) return ok(null);
  const fields = { ...form.fields } as Parameters<typeof customerSchema>[0];
  const parsed = customerSchema(fields).safeParse(customer);
  const issues = parsed.success ? [] : issuesToFields(parsed.error.issues).map((f) => ({ ...f, path: `customer.${f.path}` }));
  if (password !== undefined) issues.push(...passwordPolicyIssues(form, password));
  return issues.length === 0 ? ok(null) : fail('VALIDATION_FAILED', 'some details need correcting', { fields: issues });
}

/**
 * The registration flows of DESIGN.md as IPC handlers: the renderer names a device by id,
 * these re-read it, talk to the host and keep tokens to themselves.
 */
export function createRegistrationHandlers(deps: RegistrationHandlerDeps): RegistrationHandlers {
  const { host, devices } = deps;
  const sessions = deps.sessions ?? new SessionStore();
  const requestIds = deps.requestIds ?? new RequestIds();
  const attempts = new AttemptCounter(deps.lookupAttempts ?? 5);
  let form: FormSettings | undefined;

  /** A fresh TPM proof for a PC, as a body part; never part of the requestId, so a resend stays one request. */
  async function attestationFor(device: DeviceIdentity): Promise<{ attestation?: AttestationProof }> {
    const proof = device.kind === 'pc' && deps.attestor ? await deps.attestor.prove(host) : null;
    return proof ? { attestation: proof } : {};
  }

  /** Gets a token for adding peripherals right after a new registration, with the device + password just used. */
  async function openSession(lookup: Parameters<HostClient['lookup']>[0]): Promise<void> {
    const found = await host.lookup(lookup);
    if (found.ok) sessions.remember(found.value.registrationNumber, found.value.accessToken, found.value.expiresAt, lookup.device);
  }

  return {
    getForm: defineHandler('getForm', async () => {
      const result = await host.getForm();
      if (result.ok) {
        form = result.value;
        deps.onForm?.(result.value);
      }
      return result;
    }),

    openPrivacyNotice: defineHandler('openPrivacyNotice', async () => {
      // The URL is the host's (or the build's), never the renderer's: nothing else can be opened.
      const url = form?.privacyPolicy.url ?? BUILD_PRIVACY_POLICY.url;
      if (!URL.canParse(url) || !['https:', 'http:'].includes(new URL(url).protocol)) return fail('OPEN_FAILED', 'the privacy notice has no web address');
      if (deps.openExternal === undefined) return fail('OPEN_FAILED', 'this build cannot open a browser');
      try {
        await deps.openExternal(url);
      } catch {
        return fail('OPEN_FAILED', 'the browser could not be opened');
      }
      return ok({ url });
    }),

    register: defineHandler('register', async (arg) => {
      const checked = checkCustomer(form, arg.customer, arg.password);
      if (!checked.ok) return checked;
      const identity = await devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      const body = {
        device: identity.value,
        customer: arg.customer,
        password: arg.password,
        consent: { privacyPolicyVersion: arg.privacyPolicyVersion },
      };
      // The mail language is not part of the submission's identity: the same details keep one requestId.
      const locale = arg.locale !== undefined ? { locale: arg.locale } : {};
      const result = await host.register({ requestId: requestIds.for(body), ...body, ...locale, ...(await attestationFor(identity.value)) });
      if (result.ok) {
        deps.onRegistered?.(result.value.registrationNumber);
        await openSession({ device: identity.value, password: arg.password });
      }
      return result;
    }),

    lookup: defineHandler('lookup', async (arg) => {
      const identity = await devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      const result = await host.lookup({ device: identity.value, password: arg.password });
      if (!result.ok) {
        if (result.error.code === 'INVALID_CREDENTIALS') {
          return { ok: false, error: { ...result.error, attemptsRemaining: attempts.fail(arg.deviceId) } };
        }
        if (result.error.code === 'TOO_MANY_ATTEMPTS') return { ok: false, error: { ...result.error, attemptsRemaining: 0 } };
        return result;
      }
      attempts.reset(arg.deviceId);
      const { accessToken, ...rest } = result.value;
      sessions.remember(rest.registrationNumber, accessToken, rest.expiresAt, identity.value);
      return ok(rest);
    }),

    update: defineHandler('update', async (arg) => {
      const number = normaliseRegistrationNumber(arg.registrationNumber);
      if (number === null) return fail('INVALID_ARGUMENT', 'not a registration number', { fields: [{ path: 'registrationNumber', message: 'not a registration number' }] });
      const token = sessions.token(number);
      if (token === undefined) return fail('NO_SESSION', 'enter your password again to change this registration');
      const checked = checkCustomer(form, arg.customer, arg.newPassword);
      if (!checked.ok) return checked;
      const body = {
        customer: arg.customer,
        ...(arg.newPassword !== undefined ? { newPassword: arg.newPassword } : {}),
        ...(arg.privacyPolicyVersion !== undefined ? { consent: { privacyPolicyVersion: arg.privacyPolicyVersion } } : {}),
      };
      const result = await host.update(number, token, body);
      if (!result.ok && result.error.code === 'INVALID_TOKEN') sessions.forget(number);
      // A new password ends every token (API.md): sign in again with it, so "Register another device" still works.
      const device = sessions.device(number);
      if (result.ok && result.value.changedFields.includes('password') && arg.newPassword !== undefined && device !== undefined) {
        sessions.forget(number);
        await openSession({ device, password: arg.newPassword });
      }
      return result;
    }),

    addDevice: defineHandler('addDevice', async (arg) => {
      const number = normaliseRegistrationNumber(arg.registrationNumber);
      if (number === null) return fail('INVALID_ARGUMENT', 'not a registration number', { fields: [{ path: 'registrationNumber', message: 'not a registration number' }] });
      const token = sessions.token(number);
      if (token === undefined) return fail('NO_SESSION', 'enter your password again to add a device to this registration');
      const identity = await devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      const body = { registrationNumber: number, device: identity.value };
      const result = await host.addDevice(number, token, { requestId: requestIds.for(body), device: identity.value, ...(await attestationFor(identity.value)) });
      if (!result.ok && result.error.code === 'INVALID_TOKEN') sessions.forget(number);
      return result;
    }),
  };
}
