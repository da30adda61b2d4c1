import { z } from 'zod';
import { CUSTOMER_FIELDS } from './customer';
import { deviceKindSchema } from './device-identity';

/** OPERATOR-API.md's schemas, shared by the host's operator listener and the console so both read one contract. */

const timestamp = z.iso.datetime({ offset: true });

export const OPERATOR_ROLES = ['viewer', 'support', 'admin'] as const;
export const operatorRoleSchema = z.enum(OPERATOR_ROLES);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

/** What each role may do (OPERATOR-API.md "Who may do what"), so the console offers only what the host allows. */
export const ROLE_RIGHTS: Readonly<Record<OperatorRole, { personalInformation: boolean; changes: boolean; manifests: boolean }>> = {
  viewer: { personalInformation: false, changes: false, manifests: false },
  support: { personalInformation: true, changes: true, manifests: false },
  admin: { personalInformation: true, changes: true, manifests: true },
};

/** An error as any listener answers it; the code stays a string so a code added later still reads as an error. */
export const operatorErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type OperatorErrorBody = z.infer<typeof operatorErrorBodySchema>;

/** `GET /auth/status`: whether the console can offer OpenID Connect sign-in. */
export const authStatusSchema = z.object({ oidcConfigured: z.boolean() });
export type AuthStatus = z.infer<typeof authStatusSchema>;

/** `GET /operator/api/v1/me`; a browser session also gets the CSRF token its state-changing requests send. */
export const operatorMeSchema = z.object({
  name: z.string(),
  role: operatorRoleSchema,
  via: z.enum(['token', 'oidc']),
  csrfToken: z.string().optional(),
});
export type OperatorMe = z.infer<typeof operatorMeSchema>;

/** `GET /stats`: counts for the dashboard, last 30 days per UTC day. */
export const operatorStatsSchema = z.object({
  registrations: z.number().int().nonnegative(),
  devicesByKind: z.record(z.string(), z.number().int().nonnegative()),
  perDay: z.array(z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    registrations: z.number().int().nonnegative(),
    duplicatesRefused: z.number().int().nonnegative(),
  })),
});
export type OperatorStats = z.infer<typeof operatorStatsSchema>;

/** A customer as an operator sees it: any field the form collected; absent altogether for viewers. */
export const operatorCustomerSchema = z.object(
  Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, z.string().nullable().optional()])) as Record<(typeof CUSTOMER_FIELDS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>,
);
export type OperatorCustomer = z.infer<typeof operatorCustomerSchema>;

const operatorDeviceSchema = z.object({
  id: z.string(),
  kind: deviceKindSchema,
  vendor: z.string(),
  model: z.string().nullable().optional(),
  serial: z.string().nullable(),
});
export type OperatorDevice = z.infer<typeof operatorDeviceSchema>;

/** A page of a cursor-paged list: `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const registrationSummarySchema = z.object({
  registrationNumber: z.string(),
  registeredAt: timestamp,
  customer: z.object({ name: z.string().nullable().optional(), email: z.string().nullable().optional() }).optional(),
  devices: z.array(operatorDeviceSchema),
});
export type RegistrationSummary = z.infer<typeof registrationSummarySchema>;
export const registrationPageSchema = pageSchema(registrationSummarySchema);

export const FINDINGS = ['not_in_manifest', 'manifest_mismatch', 'cloned_installation'] as const;
export type Finding = (typeof FINDINGS)[number];

/** One audit event; never personal information values, only field names. Actions are open-ended ("at least" in the contract). */
export const auditEventSchema = z.object({
  id: z.string(),
  at: timestamp,
  actor: z.object({ type: z.enum(['customer', 'operator', 'system']), name: z.string().optional() }),
  action: z.string(),
  registrationNumber: z.string().optional(),
  deviceId: z.string().optional(),
  fields: z.array(z.string()).optional(),
  reason: z.string().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditPageSchema = pageSchema(auditEventSchema);

/** `GET /registrations/{number}`. */
export const registrationDetailSchema = z.object({
  registrationNumber: z.string(),
  registeredAt: timestamp,
  customer: operatorCustomerSchema.optional(),
  locale: z.string(),
  consents: z.array(z.object({ privacyPolicyVersion: z.string(), at: timestamp })),
  devices: z.array(operatorDeviceSchema.extend({
    hardwareUuid: z.string().optional(),
    registeredAt: timestamp,
    releasedAt: timestamp.optional(),
    findings: z.array(z.enum(FINDINGS)),
  })),
  events: z.array(auditEventSchema),
});
export type RegistrationDetail = z.infer<typeof registrationDetailSchema>;

/** Why an operator corrects, releases or decides: kept in the audit. */
export const operatorReasonSchema = z.string().trim().min(3).max(500);
export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** `PATCH /registrations/{number}` body: only the fields to change (validated by the host as API.md validates customers), and why. */
export const correctionRequestSchema = z.strictObject({
  customer: z.strictObject(Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, z.string().optional()])) as Record<(typeof CUSTOMER_FIELDS)[number], z.ZodOptional<z.ZodString>>),
  reason: operatorReasonSchema,
});

/** `POST /devices/{id}/release` body. */
export const releaseRequestSchema = z.strictObject({ reason: operatorReasonSchema });

/** `PATCH /registrations/{number}` answer. */
export const correctionResultSchema = z.object({ changed: z.boolean(), changedFields: z.array(z.string()) });
export type CorrectionResult = z.infer<typeof correctionResultSchema>;

/** `POST /devices/{id}/release` answer. */
export const releaseResultSchema = z.object({ releasedAt: timestamp });

export const REFUSAL_REASONS = ['duplicate', 'not_recognised', 'mismatch'] as const;
export const refusalSchema = z.object({
  at: timestamp,
  endpoint: z.string(),
  device: z.object({ kind: deviceKindSchema, vendor: z.string(), model: z.string().nullable().optional(), serial: z.string().nullable() }),
  reason: z.enum(REFUSAL_REASONS),
  matchedOn: z.enum(['serial', 'hardwareUuid']).optional(),
  registrationNumber: z.string().optional(),
});
export type Refusal = z.infer<typeof refusalSchema>;
export const refusalPageSchema = pageSchema(refusalSchema);

export const TRANSFER_STATUSES = ['pending', 'approved', 'declined', 'expired'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** A transfer as operators see it: its handle, API.md's status, the device asked for, the owner's registration and who decided why. */
export const operatorTransferSchema = z.object({
  transferId: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  deviceId: z.string(),
  device: z.object({ kind: deviceKindSchema, vendor: z.string(), model: z.string(), serial: z.string().nullable() }).optional(),
  registrationNumber: z.string(),
  requestedAt: timestamp,
  decidedAt: timestamp.optional(),
  decidedBy: z.string().optional(),
  reason: z.string().optional(),
});
export type OperatorTransfer = z.infer<typeof operatorTransferSchema>;
/** `GET /transfers?status=&limit=&cursor=`: a page of transfers, oldest first. */
export const transferPageSchema = pageSchema(operatorTransferSchema);

export const TRANSFER_DECISIONS = ['approve', 'decline'] as const;
export type TransferDecision = (typeof TRANSFER_DECISIONS)[number];
/** `POST /transfers/{id}/decision` body. */
export const transferDecisionRequestSchema = z.object({ decision: z.enum(TRANSFER_DECISIONS), reason: operatorReasonSchema });

/** `POST /manifests` answer: per-row outcome of one import. */
export const manifestImportSchema = z.object({
  id: z.string(),
  rows: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
});
export type ManifestImport = z.infer<typeof manifestImportSchema>;
