import { isAxiosError } from 'axios';
import { errorBodySchema, type DesktopError } from '../../protocol';

/** Network-level failures: the request may never have reached the host, so it is safe to resend. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when no answer came back at all (refused, reset, timed out). */
export function isNetworkFailure(error: unknown): boolean {
  return isAxiosError(error) && error.response === undefined;
}

/** True when the host was certainly never reached, so even a non-idempotent call may be resent. */
export function isConnectFailure(error: unknown): boolean {
  return isAxiosError(error) && error.response === undefined && CONNECT_ERRORS.has(error.code ?? '');
}

function retryAfterSeconds(header: unknown): number | undefined {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/**
 * Turns whatever axios threw into the wizard's error shape; the renderer never sees raw
 * transport errors, URLs or stack traces.
 */
export function toDesktopError(error: unknown): DesktopError {
  if (!isAxiosError(error)) return { code: 'INTERNAL_ERROR', message: 'unexpected error talking to the registration host' };
  const response = error.response;
  if (response === undefined) {
    return { code: 'HOST_UNREACHABLE', message: 'the registration host could not be reached' };
  }
  const parsed = errorBodySchema.safeParse(response.data);
  const retryAfter = retryAfterSeconds(response.headers['retry-after']);
  if (parsed.success) {
    const { code, message, fields, matchedOn } = parsed.data.error;
    return {
      code,
      message,
      ...(fields ? { fields } : {}),
      ...(matchedOn ? { matchedOn } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  if (response.status >= 500) return { code: 'SERVICE_UNAVAILABLE', message: `the registration host answered ${response.status}` };
  return { code: 'BAD_REQUEST', message: `unexpected answer ${response.status} from the registration host` };
}
