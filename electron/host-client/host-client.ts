import https from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import {
  attestationChallengeSchema,
  deviceStatusResponseSchema,
  deviceReleasedSchema,
  formSettingsSchema,
  recoveryConfirmedSchema,
  registrationErasedSchema,
  registrationExportSchema,
  transferCreatedSchema,
  transferStatusSchema,
  lookupResponseSchema,
  registrationCreatedSchema,
  updateResponseSchema,
  type AddDeviceRequest,
  type AttestationChallenge,
  type AttestationRequest,
  type DeviceStatusRequest,
  type DeviceStatusResponse,
  type DeviceReleased,
  type RecoveryConfirm,
  type RecoveryConfirmed,
  type RecoveryRequest,
  type RegistrationErased,
  type RegistrationExport,
  type TransferCreated,
  type TransferRequest,
  type TransferStatus,
  type FormSettings,
  type IpcResult,
  type LookupRequest,
  type LookupResponse,
  type NewRegistrationRequest,
  type RegistrationCreated,
  type UpdateRequest,
  type UpdateResponse,
} from '../../protocol';
import { checkHostUrl } from '../config/host-url';
import { isConnectFailure, isNetworkFailure, toDesktopError } from './host-error';

/** What the handlers need from the registration host (API.md v1); every call answers IpcResult. */
export interface HostClient {
  readonly baseUrl: string;
  getForm(): Promise<IpcResult<FormSettings>>;
  register(body: NewRegistrationRequest): Promise<IpcResult<RegistrationCreated>>;
  lookup(body: LookupRequest): Promise<IpcResult<LookupResponse>>;
  update(registrationNumber: string, accessToken: string, body: UpdateRequest): Promise<IpcResult<UpdateResponse>>;
  addDevice(registrationNumber: string, accessToken: string, body: AddDeviceRequest): Promise<IpcResult<RegistrationCreated>>;
  /** `POST /api/v1/attestations` (docs/attestation.md); optional so clients without a TPM path need not offer it. */
  attest?(body: AttestationRequest): Promise<IpcResult<AttestationChallenge>>;
  /** `POST /api/v1/devices/status` (API.md December additions): what the device page shows before anything is typed. */
  deviceStatus?(body: DeviceStatusRequest): Promise<IpcResult<DeviceStatusResponse>>;
  // The customer's life with a registration (API.md, December additions).
  requestRecovery(body: RecoveryRequest): Promise<IpcResult<Record<string, never>>>;
  confirmRecovery(body: RecoveryConfirm): Promise<IpcResult<RecoveryConfirmed>>;
  requestTransfer(body: TransferRequest): Promise<IpcResult<TransferCreated>>;
  transferStatus(transferId: string): Promise<IpcResult<TransferStatus>>;
  exportRegistration(registrationNumber: string, accessToken: string): Promise<IpcResult<RegistrationExport>>;
  releaseDevice(registrationNumber: string, accessToken: string, deviceId: string): Promise<IpcResult<DeviceReleased>>;
  eraseRegistration(registrationNumber: string, accessToken: string): Promise<IpcResult<RegistrationErased>>;
}

export interface HostClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  /** Resends after a network failure; bodies carry the same requestId so the host registers once. */
  retries?: number;
  /** Base delay of the exponential backoff between resends. */
  retryDelayMs?: number;
}

type RetryPolicy = 'network' | 'connect-only';

/** `202 {}` of a recovery request: nothing to read, and nothing else accepted. */
const emptySchema = z.strictObject({}) as unknown as z.ZodType<Record<string, never>>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the axios-based client: TLS verified, no redirects, plain http only to loopback. */
export function createHostClient(options: HostClientOptions): HostClient {
  const baseUrl = checkHostUrl(options.baseUrl);
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const http: AxiosInstance = axios.create({
    baseURL: `${baseUrl}/api/v1`,
    timeout: options.timeoutMs ?? 10_000,
    adapter: 'http',
    maxRedirects: 0,
    httpsAgent: new https.Agent({ rejectUnauthorized: true, keepAlive: true }),
    headers: { Accept: 'application/json' },
    validateStatus: (status) => status >= 200 && status < 300,
  });

  async function call<S extends z.ZodType>(
    schema: S,
    config: AxiosRequestConfig,
    policy: RetryPolicy,
  ): Promise<IpcResult<z.infer<S>>> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await http.request(config);
        const parsed = schema.safeParse(response.data);
        if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: 'the registration host sent an answer this app does not understand' } };
        return { ok: true, value: parsed.data };
      } catch (error) {
        const retryable = policy === 'network' ? isNetworkFailure(error) : isConnectFailure(error);
        if (!retryable || attempt >= retries) return { ok: false, error: toDesktopError(error) };
        await sleep(retryDelayMs * 2 ** attempt);
      }
    }
  }

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const numberPath = (registrationNumber: string) => `/registrations/${encodeURIComponent(registrationNumber)}`;

  return {
    baseUrl,
    getForm: () => call(formSettingsSchema, { method: 'GET', url: '/form' }, 'network'),
    register: (body) => call(registrationCreatedSchema, { method: 'POST', url: '/registrations', data: body }, 'network'),
    // A resent lookup that did reach the host would count as a second attempt: resend only when it surely did not.
    lookup: (body) => call(lookupResponseSchema, { method: 'POST', url: '/registrations/lookup', data: body }, 'connect-only'),
    update: (number, token, body) =>
      call(updateResponseSchema, { method: 'PATCH', url: numberPath(number), data: body, headers: bearer(token) }, 'network'),
    addDevice: (number, token, body) =>
      call(registrationCreatedSchema, { method: 'POST', url: `${numberPath(number)}/devices`, data: body, headers: bearer(token) }, 'network'),
    attest: (body) => call(attestationChallengeSchema, { method: 'POST', url: '/attestations', data: body }, 'network'),
    deviceStatus: (body) => call(deviceStatusResponseSchema, { method: 'POST', url: '/devices/status', data: body }, 'network'),
    requestRecovery: (body) => call(emptySchema, { method: 'POST', url: '/recovery', data: body }, 'connect-only'),
    // Each confirm counts in the lookup lockout: resend only when it surely never arrived.
    confirmRecovery: (body) => call(recoveryConfirmedSchema, { method: 'POST', url: '/recovery/confirm', data: body }, 'connect-only'),
    requestTransfer: (body) => call(transferCreatedSchema, { method: 'POST', url: '/transfers', data: body }, 'connect-only'),
    transferStatus: (id) => call(transferStatusSchema, { method: 'GET', url: `/transfers/${encodeURIComponent(id)}` }, 'network'),
    exportRegistration: (number, token) => call(registrationExportSchema, { method: 'GET', url: `${numberPath(number)}/export`, headers: bearer(token) }, 'network'),
    releaseDevice: (number, token, deviceId) =>
      call(deviceReleasedSchema, { method: 'DELETE', url: `${numberPath(number)}/devices/${encodeURIComponent(deviceId)}`, headers: bearer(token) }, 'network'),
    eraseRegistration: (number, token) => call(registrationErasedSchema, { method: 'DELETE', url: numberPath(number), headers: bearer(token) }, 'network'),
  };
}
