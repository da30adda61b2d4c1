import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import {
  addDeviceRequestSchema,
  attestationChallengeSchema,
  attestationRequestSchema,
  deviceReleasedSchema,
  deviceStatusRequestSchema,
  deviceStatusResponseSchema,
  errorBodySchema,
  formSettingsSchema,
  healthSchema,
  lookupRequestSchema,
  lookupResponseSchema,
  newRegistrationRequestSchema,
  recoveryConfirmedSchema,
  recoveryConfirmSchema,
  recoveryRequestSchema,
  registrationCreatedSchema,
  registrationErasedSchema,
  registrationExportSchema,
  sealedRegistrationRequestSchema,
  transferCreatedSchema,
  transferRequestSchema,
  transferStatusSchema,
  updateRequestSchema,
  updateResponseSchema,
  type FieldPolicies,
} from '../../protocol';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = (...statuses: number[]): ZodOpenApiResponsesObject =>
  Object.fromEntries(statuses.map((status) => [String(status), json(errorBodySchema, 'API.md error shape')]));
const common = [400, 413, 422, 429];
const bearer = [{ bearerAuth: [] }];
const numberParam = { path: z.object({ registrationNumber: z.string().meta({ description: 'XXXX-XXXX-XXXX, read as typed input' }) }) };

function op(summary: string, operation: Omit<ZodOpenApiOperationObject, 'summary'>): ZodOpenApiOperationObject {
  return { summary, ...operation };
}

/** API.md as OpenAPI 3.1, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(policies: FieldPolicies): object {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Registration host', version: '1.0.0', description: 'First-boot device registration host (API v1).' },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: {
      '/api/v1/form': {
        get: op('What the wizard must ask', { responses: { '200': json(formSettingsSchema, 'form settings'), ...errors(429) } }),
      },
      '/api/v1/registrations': {
        post: op('New registration', {
          requestBody: { content: { 'application/json': { schema: newRegistrationRequestSchema(policies) } } },
          responses: { '201': json(registrationCreatedSchema, 'registered'), ...errors(...common, 409) },
        }),
      },
      '/api/v1/registrations/sealed': {
        post: op('A registration kept while offline, sealed to outboxPublicKey', {
          requestBody: { content: { 'application/json': { schema: sealedRegistrationRequestSchema } } },
          responses: { '201': json(registrationCreatedSchema, 'registered'), ...errors(...common, 409) },
        }),
      },
      '/api/v1/registrations/lookup': {
        post: op('Start of an update', {
          requestBody: { content: { 'application/json': { schema: lookupRequestSchema } } },
          responses: { '200': json(lookupResponseSchema, 'found'), ...errors(...common, 401) },
        }),
      },
      '/api/v1/registrations/{registrationNumber}': {
        patch: op('Update the customer record', {
          security: bearer,
          requestParams: numberParam,
          requestBody: { content: { 'application/json': { schema: updateRequestSchema(policies) } } },
          responses: { '200': json(updateResponseSchema, 'updated or unchanged'), ...errors(...common, 401, 403) },
        }),
        delete: op('Erase the registration (APPI Art. 35, GDPR Art. 17)', {
          security: bearer,
          requestParams: numberParam,
          responses: { '200': json(registrationErasedSchema, 'erased'), ...errors(401, 403, 429) },
        }),
      },
      '/api/v1/registrations/{registrationNumber}/export': {
        get: op("Everything the host holds about the registration (the owner's own data)", {
          security: bearer,
          requestParams: numberParam,
          responses: { '200': json(registrationExportSchema, 'the export'), ...errors(401, 403, 429) },
        }),
      },
      '/api/v1/registrations/{registrationNumber}/devices/{deviceId}': {
        delete: op('Release a device from the registration', {
          security: bearer,
          requestParams: { path: z.object({ registrationNumber: z.string(), deviceId: z.string().meta({ description: 'the device id from lookup or export' }) }) },
          responses: { '200': json(deviceReleasedSchema, 'released'), ...errors(401, 403, 404, 429) },
        }),
      },
      '/api/v1/devices/status': {
        post: op('What the wizard may show before the customer types anything', {
          requestBody: { content: { 'application/json': { schema: deviceStatusRequestSchema } } },
          responses: { '200': json(deviceStatusResponseSchema, 'one status per device, same order'), ...errors(...common) },
        }),
      },
      '/api/v1/recovery': {
        post: op('Forgotten password: mail a recovery code', {
          requestBody: { content: { 'application/json': { schema: recoveryRequestSchema } } },
          responses: { '202': json(z.object({}), 'accepted, whether or not anything matched'), ...errors(...common, 503) },
        }),
      },
      '/api/v1/recovery/confirm': {
        post: op('Forgotten password: set a new one with the mailed code', {
          requestBody: { content: { 'application/json': { schema: recoveryConfirmSchema } } },
          responses: { '200': json(recoveryConfirmedSchema, 'password replaced'), ...errors(...common, 401, 503) },
        }),
      },
      '/api/v1/transfers': {
        post: op('Ask the owner of a registered device to release it', {
          requestBody: { content: { 'application/json': { schema: transferRequestSchema } } },
          responses: { '202': json(transferCreatedSchema, 'requested'), ...errors(...common, 404) },
        }),
      },
      '/api/v1/transfers/{transferId}': {
        get: op('Status of a transfer request', {
          requestParams: { path: z.object({ transferId: z.string() }) },
          responses: { '200': json(transferStatusSchema, 'status'), ...errors(404, 429) },
        }),
      },
      '/api/v1/registrations/{registrationNumber}/devices': {
        post: op('Add a device to a registration', {
          security: bearer,
          requestParams: numberParam,
          requestBody: { content: { 'application/json': { schema: addDeviceRequestSchema } } },
          responses: { '201': json(registrationCreatedSchema, 'registered'), ...errors(...common, 401, 403, 409) },
        }),
      },
      '/api/v1/attestations': {
        post: op('A TPM credential challenge for a PC (docs/attestation.md); 404 when ATTESTATION=off', {
          requestBody: { content: { 'application/json': { schema: attestationRequestSchema } } },
          responses: { '201': json(attestationChallengeSchema, 'challenge'), ...errors(...common, 404) },
        }),
      },
      '/healthz': { get: op('Liveness', { responses: { '200': json(healthSchema, 'alive') } }) },
      '/readyz': { get: op('Readiness: the database answers', { responses: { '200': json(healthSchema, 'ready'), ...errors(503) } }) },
      '/openapi.json': { get: op('This document', { responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).loose() } } } } }) },
    },
  });
}
