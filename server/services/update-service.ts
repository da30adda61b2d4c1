import type { UpdateResponse } from '../../protocol';
import { ApiError } from '../http/api-error';
import { parseOrThrow, requireObjectBody, validationFailed } from '../http/validation';
import { appendAuditEvent } from '../repositories/audit-repository';
import { listConsents, recordConsent } from '../repositories/consents-repository';
import { findRegistration, updateRegistration } from '../repositories/registrations-repository';
import { changedCustomerFields, customerToColumns } from './customer-record';
import { recipientOf } from './device-release';
import { consentRequired } from './registration-service';
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
  const consent = await consentToRecord(deps, registrationNumber, request.consent?.privacyPolicyVersion);
  const next = customerToColumns(request.customer);
  const changedFields: UpdateResponse['changedFields'] = changedCustomerFields(current, next);
  let passwordHash: string | undefined;
  if (request.newPassword !== undefined && !(await deps.hasher.verify(current.password_hash, request.newPassword))) {
    passwordHash = await deps.hasher.hash(request.newPassword);
    changedFields.push('password');
  }
  if (changedFields.length === 0 && consent === null) return { changed: false, changedFields: [] };
  const now = deps.now();
  const customerFields = changedFields.filter((field) => field !== 'password');
  await deps.db.transaction().execute(async (trx) => {
    // A new password ends every token issued so far (API.md: tokens carry a version the host checks).
    const passwordChanges = passwordHash ? { password_hash: passwordHash, token_version: current.token_version + 1 } : {};
    if (changedFields.length > 0) await updateRegistration(trx, registrationNumber, { ...next, ...customerSearchKeys(next), ...passwordChanges, updated_at: now });
    if (consent !== null) await recordConsent(trx, registrationNumber, consent, now);
    const actor = { type: 'customer' } as const;
    if (customerFields.length > 0) await appendAuditEvent(trx, { at: now, actor, action: 'updated', registrationNumber, fields: customerFields });
    if (passwordHash) {
      await appendAuditEvent(trx, { at: now, actor, action: 'password_changed', registrationNumber });
      // To the address on record after this update (the one the customer now reads).
      await deps.mail.enqueue(trx, recipientOf({ ...current, email: next.email ?? current.email }), { kind: 'password-changed', registrationNumber });
    }
  });
  if (passwordHash) deps.mail.kick();
  return { changed: changedFields.length > 0, changedFields };
}

/**
 * The consent an update must record: none while the latest stored one is the host's policy version;
 * otherwise the body must consent to the current version (422 CONSENT_REQUIRED).
 */
async function consentToRecord(deps: ServiceDeps, registrationNumber: string, offered: string | undefined): Promise<string | null> {
  const required = deps.config.privacyPolicy.version;
  const consents = await listConsents(deps.db, registrationNumber);
  if (consents.at(-1)?.privacy_policy_version === required) return null;
  if (offered !== required) throw consentRequired(deps);
  return required;
}
