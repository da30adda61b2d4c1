import { normaliseRegistrationNumber } from '../../protocol';
import { ApiError } from '../http/api-error';
import { findActiveDevice } from '../repositories/devices-repository';
import { findRegistration } from '../repositories/registrations-repository';
import type { ServiceDeps } from './service-deps';

/**
 * API.md's order: 401 INVALID_TOKEN first (missing, forged, expired, or no longer valid: the
 * registration's token version moved on, it was erased, or the token's device was released), then
 * 403 FORBIDDEN when the path number is malformed, unknown or not the token's. Returns the
 * canonical registration number.
 */
export async function authoriseRegistration(deps: ServiceDeps, authorization: string | undefined, pathNumber: string): Promise<string> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const grant = match?.[1] ? await deps.tokens.verify(match[1]) : null;
  if (grant === null) throw new ApiError('INVALID_TOKEN', 'a valid access token is required');
  const registration = await findRegistration(deps.db, grant.registrationNumber);
  const device = registration ? await findActiveDevice(deps.db, grant.registrationNumber, grant.deviceId) : undefined;
  if (!registration || registration.erased_at !== null || registration.token_version !== grant.version || !device) {
    throw new ApiError('INVALID_TOKEN', 'this access token is no longer valid; sign in again');
  }
  const number = normaliseRegistrationNumber(pathNumber);
  if (number === null || number !== grant.registrationNumber) throw new ApiError('FORBIDDEN', 'this token does not grant access to that registration');
  return number;
}
