import axios, { type AxiosInstance } from 'axios';
import { errorBodySchema, registrationCreatedSchema, type AttestationProof, type DesktopError, type RegistrationCreated } from '../../protocol';
import { checkHostUrl } from '../config/host-url';
import { parseRetryAfterMs } from './backoff';

/** What one attempt to hand a sealed entry to the host came to. */
export type DeliveryOutcome =
  | { kind: 'delivered'; created: RegistrationCreated }
  | { kind: 'duplicate'; error: DesktopError }
  | { kind: 'rejected'; error: DesktopError }
  | { kind: 'retry'; error: DesktopError; retryAfterMs?: number };

/** Statuses that will answer the same however often the same body is sent: settle the entry. */
const PERMANENT_STATUSES = new Set([400, 413, 422]);

/** Builds the HTTP client the sender uses: TLS verified, plain http only to loopback, nothing global. */
export function createDeliveryClient(hostUrl: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: checkHostUrl(hostUrl),
    adapter: 'http',
    timeout: timeoutMs,
    maxRedirects: 0,
    validateStatus: () => true,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
}

/**
 * Posts one sealed registration to `POST /api/v1/registrations/sealed` and classifies the answer:
 * 201 delivered, 409 duplicate, 400/413/422 rejected, anything else (network, 5xx, 429) retry.
 */
export async function deliverSealed(client: AxiosInstance, sealed: string, now: Date = new Date(), attestation: AttestationProof | null = null): Promise<DeliveryOutcome> {
  let response;
  try {
    response = await client.post<unknown>('/api/v1/registrations/sealed', attestation ? { sealed, attestation } : { sealed });
  } catch (error) {
    const code = axios.isAxiosError(error) ? (error.code ?? 'network error') : 'network error';
    return { kind: 'retry', error: { code: 'HOST_UNREACHABLE', message: `The registration host could not be reached (${code}).` } };
  }
  const { status, data } = response;
  if (status === 201) {
    const created = registrationCreatedSchema.safeParse(data);
    if (created.success) return { kind: 'delivered', created: created.data };
    // The host deduplicates by requestId, so asking again yields the same number in a readable form.
    return { kind: 'retry', error: { code: 'INTERNAL_ERROR', message: 'The host answered 201 with an unreadable body.' } };
  }
  const parsed = errorBodySchema.safeParse(data);
  const error: DesktopError = parsed.success
    ? { ...parsed.data.error }
    : { code: status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE', message: `The host answered ${status}.` };
  if (status === 409) return { kind: 'duplicate', error };
  if (PERMANENT_STATUSES.has(status)) return { kind: 'rejected', error };
  const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], now);
  if (retryAfterMs !== undefined) error.retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
  return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
}
