import { z } from 'zod';
import { anyFormCustomerSchema, customerSchema, defaultCustomerSchema, FIELD_POLICIES, CUSTOMER_FIELDS, passwordSchema, type FieldPolicies } from './customer';
import { DEVICE_KINDS, deviceIdentitySchema, deviceKindSchema, deviceSummarySchema } from './device-identity';
import { attestationProofSchema } from './attestation-api';
import { ERROR_CODES } from './error-codes';

/** API.md's one error shape, for every status. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    matchedOn: z.enum(['serial', 'hardwareUuid']).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type FieldError = NonNullable<ErrorBody['error']['fields']>[number];

/** `GET /api/v1/form`. */
export const formSettingsSchema = z.object({
  privacyPolicy: z.object({ version: z.string(), url: z.string() }),
  fields: z.record(z.enum(CUSTOMER_FIELDS), z.enum(FIELD_POLICIES)),
  passwordPolicy: z.object({ minLength: z.number().int() }),
  deviceKinds: z.array(deviceKindSchema),
  outboxPublicKey: z.string(),
  /** True when e-mail is configured, so the forgotten-password flow can work (optional: forms cached before December 2026 lack it). */
  recovery: z.boolean().optional(),
  /** False when the maker turned transfers off (`TRANSFERS=off`). */
  transfers: z.boolean().optional(),
});
export type FormSettings = z.infer<typeof formSettingsSchema>;

/**
 * Kinds the maker registers unless the host says otherwise (`DEVICE_KINDS`): the PC and the
 * peripherals a maker sells with it. Webcams, audio, USB drives and the like are listed as "other devices".
 */
export const DEFAULT_REGISTERED_KINDS = ['pc', 'printer', 'scanner', 'modem', 'monitor'] as const satisfies readonly (typeof DEVICE_KINDS)[number][];

const consentSchema = z.object({ privacyPolicyVersion: z.string().min(1).max(64) });

/** Languages the host writes mail in (API.md December additions). */
export const MAIL_LOCALES = ['ja', 'en'] as const;
export const mailLocaleSchema = z.enum(MAIL_LOCALES);
export type MailLocale = z.infer<typeof mailLocaleSchema>;

/** `POST /api/v1/registrations` body, for a host whose form uses the given field policies. */
export function newRegistrationRequestSchema(policies?: FieldPolicies) {
  return z.object({
    requestId: z.uuid(),
    device: deviceIdentitySchema,
    customer: policies ? customerSchema(policies) : defaultCustomerSchema,
    password: passwordSchema,
    consent: consentSchema,
    locale: mailLocaleSchema.optional(),
    attestation: attestationProofSchema.optional(),
  });
}
export const newRegistrationRequestSchemaDefault = newRegistrationRequestSchema();
export type NewRegistrationRequest = z.infer<typeof newRegistrationRequestSchemaDefault>;

/** `201` of a new registration and of adding a device. */
export const registrationCreatedSchema = z.object({
  registrationNumber: z.string(),
  device: deviceSummarySchema,
  registeredAt: z.iso.datetime(),
});
export type RegistrationCreated = z.infer<typeof registrationCreatedSchema>;

/** `POST /api/v1/registrations/sealed` body. */
export const sealedRegistrationRequestSchema = z.object({ sealed: z.string().min(1), attestation: attestationProofSchema.optional() });
export type SealedRegistrationRequest = z.infer<typeof sealedRegistrationRequestSchema>;

/** `POST /api/v1/registrations/lookup` body. */
export const lookupRequestSchema = z.object({
  device: deviceIdentitySchema,
  password: z.string().min(1).max(128),
});
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

export const registeredDeviceSchema = deviceSummarySchema.extend({ id: z.string(), registeredAt: z.iso.datetime() });
export type RegisteredDevice = z.infer<typeof registeredDeviceSchema>;

/** `200` of a lookup. */
export const lookupResponseSchema = z.object({
  registrationNumber: z.string(),
  // The stored record under whatever form the host had when it was saved.
  customer: anyFormCustomerSchema,
  devices: z.array(registeredDeviceSchema),
  accessToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type LookupResponse = z.infer<typeof lookupResponseSchema>;

/** `PATCH /api/v1/registrations/{registrationNumber}` body. */
export function updateRequestSchema(policies?: FieldPolicies) {
  return z.object({
    customer: policies ? customerSchema(policies) : defaultCustomerSchema,
    newPassword: passwordSchema.optional(),
    /** Required when the stored latest consent is older than the host's policy version. */
    consent: consentSchema.optional(),
  });
}
export const updateRequestSchemaDefault = updateRequestSchema();
export type UpdateRequest = z.infer<typeof updateRequestSchemaDefault>;

export const UPDATABLE_FIELDS = [...CUSTOMER_FIELDS, 'password'] as const;
/** `200` of an update: bare field names, a new password shown as "password". */
export const updateResponseSchema = z.object({
  changed: z.boolean(),
  changedFields: z.array(z.enum(UPDATABLE_FIELDS)),
});
export type UpdateResponse = z.infer<typeof updateResponseSchema>;

/** `POST /api/v1/registrations/{registrationNumber}/devices` body. */
export const addDeviceRequestSchema = z.object({
  requestId: z.uuid(),
  device: deviceIdentitySchema,
  attestation: attestationProofSchema.optional(),
});
export type AddDeviceRequest = z.infer<typeof addDeviceRequestSchema>;

export const healthSchema = z.object({ status: z.literal('ok') });

export { DEVICE_KINDS };
