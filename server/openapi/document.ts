import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import {
  addDeviceRequestSchema,
  errorBodySchema,
  formSettingsSchema,
  healthSchema,
  lookupRequestSchema,
  lookupResponseSchema,
  newRegistrationRequestSchema,
  registrationCreatedSchema,
  sealedRegistrationRequestSchema,
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
      },
      '/api/v1/registrations/{registrationNumber}/devices': {
        post: op('Add a device to a registration', {
          security: bearer,
          requestParams: numberParam,
          requestBody: { content: { 'application/json': { schema: addDeviceRequestSchema } } },
          responses: { '201': json(registrationCreatedSchema, 'registered'), ...errors(...common, 401, 403, 409) },
        }),
      },
      '/healthz': { get: op('Liveness', { responses: { '200': json(healthSchema, 'alive') } }) },
      '/readyz': { get: op('Readiness: the database answers', { responses: { '200': json(healthSchema, 'ready'), ...errors(503) } }) },
      '/openapi.json': { get: op('This document', { responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).loose() } } } } }) },
    },
  });
}
