import type { UpdateResponse } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody, validationFailed } from '../http/validation';
import { appendAuditEvent } from '../repositories/audit-repository';
import { findRegistration, updateRegistration } from '../repositories/registrations-repository';
import { changedCustomerFields, customerToColumns } from './customer-record';
import { customerSearchKeys } from './customer-search-keys';
import { requestSchemas } from './request-schemas';
import type { ServiceDeps } from './service-deps';

/** The update (API.md PATCH): the whole new customer record; writes only when something changed. */
export async function updateRegistrationRecord(deps: ServiceDeps, registrationNumber: string, rawBody: unknown): Promise<UpdateResponse> {
  const request = parseOrThrow(requestSchemas(deps.config.fieldPolicies).update, requireObjectBody(rawBody));
  if (request.newPassword !== undefined && request.newPassword.length < deps.config.passwordMinLength) {
    throw validationFailed([{ path: 'newPassword', message: `at least ${deps.config.passwordMinLength} characters` }]);
  }
  const current = await findRegistration(deps.db, registrationNumber);
  if (!current) throw new ApiError('FORBIDDEN', 'this token does not grant access to that registration');
  const next = customerToColumns(request.customer);
  const changedFields: UpdateResponse['changedFields'] = changedCustomerFields(current, next);
  let passwordHash: string | undefined;
  if (request.newPassword !== undefined && !(await deps.hasher.verify(current.password_hash, request.newPassword))) {
    passwordHash = await deps.hasher.hash(request.newPassword);
    changedFields.push('password');
  }
  if (changedFields.length === 0) return { changed: false, changedFields: [] };
  const now = deps.now();
  const customerFields = changedFields.filter((field) => field !== 'password');
  await deps.db.transaction().execute(async (trx) => {
    await updateRegistration(trx, registrationNumber, { ...next, ...customerSearchKeys(next), ...(passwordHash ? { password_hash: passwordHash } : {}), updated_at: now });
    const actor = { type: 'customer' } as const;
    if (customerFields.length > 0) await appendAuditEvent(trx, { at: now, actor, action: 'updated', registrationNumber, fields: customerFields });
    if (passwordHash) await appendAuditEvent(trx, { at: now, actor, action: 'password_changed', registrationNumber });
  });
  return { changed: true, changedFields };
}
