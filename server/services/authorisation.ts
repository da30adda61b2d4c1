import { normaliseRegistrationNumber } from '../../protocol';
import { ApiError } from '../http/api-error';
import type { ServiceDeps } from './service-deps';

/**
 * API.md's order: 401 INVALID_TOKEN (missing, forged, expired) first, then 403 FORBIDDEN when the
 * path number is malformed, unknown or not the token's. Returns the canonical registration number.
 */
export async function authoriseRegistration(deps: ServiceDeps, authorization: string | undefined, pathNumber: string): Promise<string> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const tokenNumber = match?.[1] ? await deps.tokens.verify(match[1]) : null;
  if (tokenNumber === null) throw new ApiError('INVALID_TOKEN', 'a valid access token is required');
  const number = normaliseRegistrationNumber(pathNumber);
  if (number === null || number !== tokenNumber) throw new ApiError('FORBIDDEN', 'this token does not grant access to that registration');
  return number;
}
