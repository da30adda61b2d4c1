import { z } from 'zod';
import { mailLocaleSchema } from './api';
import { auditEventSchema, type AuditEvent } from './operator-api';
import { anyFormCustomerSchema, passwordSchema } from './customer';
import { deviceIdentitySchema, deviceKindSchema } from './device-identity';
import { REGISTRATION_ALPHABET } from './registration-number';

/** Symbols of a recovery code (API.md: 8 of the registration-number alphabet, written XXXX-XXXX). */
export const RECOVERY_CODE_LENGTH = 8;

/** Reads a typed recovery code (any case, hyphen optional, I/L → 1, O → 0); null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== RECOVERY_CODE_LENGTH || [...compact].some((symbol) => !REGISTRATION_ALPHABET.includes(symbol))) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** `POST /api/v1/recovery` body. */
export const recoveryRequestSchema = z.object({
  device: deviceIdentitySchema,
  email: z.email('not a valid e-mail address').max(254),
});
export type RecoveryRequest = z.infer<typeof recoveryRequestSchema>;

/** `POST /api/v1/recovery/confirm` body. */
export const recoveryConfirmSchema = z.object({
  device: deviceIdentitySchema,
  code: z.string().min(1).max(32),
  newPassword: passwordSchema,
});
export type RecoveryConfirm = z.infer<typeof recoveryConfirmSchema>;

/** `200` of a recovery confirm. */
export const recoveryConfirmedSchema = z.object({ registrationNumber: z.string() });
export type RecoveryConfirmed = z.infer<typeof recoveryConfirmedSchema>;

/** `POST /api/v1/devices/status` body: 1–50 devices. */
export const deviceStatusRequestSchema = z.object({ devices: z.array(deviceIdentitySchema).min(1).max(50) });
export type DeviceStatusRequest = z.infer<typeof deviceStatusRequestSchema>;

/** One device's status: no more than a 409 would say. */
export const deviceStatusSchema = z.object({
  status: z.enum(['unregistered', 'registered', 'not_identifiable']),
  matchedOn: z.enum(['serial', 'hardwareUuid']).optional(),
});
export const deviceStatusResponseSchema = z.object({ devices: z.array(deviceStatusSchema) });
export type DeviceStatusResponse = z.infer<typeof deviceStatusResponseSchema>;

/** `DELETE /api/v1/registrations/{n}/devices/{deviceId}`. */
export const deviceReleasedSchema = z.object({ releasedAt: z.iso.datetime() });
export type DeviceReleased = z.infer<typeof deviceReleasedSchema>;

/** `DELETE /api/v1/registrations/{n}`. */
export const registrationErasedSchema = z.object({ erasedAt: z.iso.datetime() });
export type RegistrationErased = z.infer<typeof registrationErasedSchema>;

/** An audit event in OPERATOR-API.md's shape: the owner's export shows the same events operators see. */
export { auditEventSchema, type AuditEvent };

/** `GET /api/v1/registrations/{n}/export`: everything the host holds about the registration. */
export const registrationExportSchema = z.object({
  registrationNumber: z.string(),
  locale: mailLocaleSchema,
  customer: anyFormCustomerSchema,
  devices: z.array(
    z.object({
      id: z.string(),
      kind: deviceKindSchema,
      vendor: z.string(),
      model: z.string(),
      serial: z.string().nullable(),
      hardwareUuid: z.string().optional(),
      registeredAt: z.iso.datetime(),
      releasedAt: z.iso.datetime().optional(),
    }),
  ),
  consents: z.array(z.object({ privacyPolicyVersion: z.string(), at: z.iso.datetime() })),
  events: z.array(auditEventSchema),
});
export type RegistrationExport = z.infer<typeof registrationExportSchema>;

/** `POST /api/v1/transfers` body. */
export const transferRequestSchema = z.object({ device: deviceIdentitySchema, locale: mailLocaleSchema.optional() });
export type TransferRequest = z.infer<typeof transferRequestSchema>;

/** `202` of a transfer request: the requester's only handle. */
export const transferCreatedSchema = z.object({ transferId: z.string() });
export type TransferCreated = z.infer<typeof transferCreatedSchema>;

export const TRANSFER_STATUSES = ['pending', 'approved', 'declined', 'expired'] as const;
export const transferStatusValueSchema = z.enum(TRANSFER_STATUSES);
export type TransferStatusValue = z.infer<typeof transferStatusValueSchema>;

/** `GET /api/v1/transfers/{transferId}`. */
export const transferStatusSchema = z.object({ status: transferStatusValueSchema, decidedAt: z.iso.datetime().optional() });
export type TransferStatus = z.infer<typeof transferStatusSchema>;

/** The customer decides on the decision page with one of these. */
export const TRANSFER_DECISIONS = ['approve', 'decline'] as const;
export const transferDecisionValueSchema = z.enum(TRANSFER_DECISIONS);
export type TransferDecisionValue = z.infer<typeof transferDecisionValueSchema>;
