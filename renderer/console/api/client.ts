import type { z } from 'zod';
import { operatorErrorBodySchema } from '../../../protocol/operator-api';

/** An answer that was not what the page asked for: the contract's error, or the network, or a body that broke the contract. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export const OPERATOR_API = '/operator/api/v1';

let csrfToken: string | undefined;
let onUnauthenticated: () => void = () => undefined;

/** Tells the console when a session ends under it (idle timeout, sign-out elsewhere), so it can offer sign-in again. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Remembers the session's CSRF token from `/me`; every state-changing request sends it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type RequestOptions = { method?: 'GET' | 'POST' | 'PATCH'; json?: unknown; body?: Blob | string; contentType?: string; accept?: string };

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (method !== 'GET' && csrfToken !== undefined) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType !== undefined) {
    headers['Content-Type'] = options.contentType;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the host could not be reached');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !path.endsWith('/me')) onUnauthenticated();
    throw error;
  }
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  const parsed = operatorErrorBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return new ApiError(response.status, 'UNEXPECTED', `HTTP ${response.status}`);
  const { code, message, fields } = parsed.data.error;
  return new ApiError(response.status, code, message, fields);
}

/** Sends a request and parses the JSON answer with the contract's schema; anything else is an ApiError. */
export async function requestJson<T extends z.ZodType>(path: string, schema: T, options: RequestOptions = {}): Promise<z.infer<T>> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'UNEXPECTED', 'the answer did not match the contract');
  return parsed.data;
}

/** Sends a request whose answer carries nothing the page needs (sign-out). */
export async function requestOk(path: string, options: RequestOptions): Promise<void> {
  await send(path, options);
}

/** Sends a request whose answer is a file (CSV) and returns it as a Blob. */
export async function requestFile(path: string, accept: string): Promise<Blob> {
  const response = await send(path, { accept });
  return response.blob();
}

/** Builds a query string from the filters that are set, so empty filters are not sent as empty strings. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
