import { z } from 'zod';
import { createDocument, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { errorBodySchema } from '../../protocol';

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });
const errors = (...statuses: number[]): ZodOpenApiResponsesObject =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: 'API.md error shape', content: { 'application/json': { schema: errorBodySchema } } }]));
const reasonBody = { content: { 'application/json': { schema: z.object({ reason: z.string().min(3).max(500) }) } } };
const numberPath = { path: z.object({ number: z.string().meta({ description: 'registration number, read as typed input' }) }) };
const page = { query: z.object({ q: z.string().optional(), limit: z.string().optional(), cursor: z.string().optional() }) };
const read = [401, 403, 422];

/** OPERATOR-API.md as OpenAPI 3.1 (paths under /operator/api/v1, bearer token or console session). */
export function buildOperatorOpenApiDocument(): object {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Registration host — operator API', version: '1.0.0', description: "The maker's side: support, auditors and programs." },
    servers: [{ url: '/operator/api/v1' }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'operator_session' } } },
    security: [{ bearerAuth: [] }, { session: [] }],
    paths: {
      '/me': { get: { summary: 'Who is calling', responses: { '200': json('name, role, via (+ csrfToken)'), ...errors(401) } } },
      '/stats': { get: { summary: 'Counts and the last 30 days', responses: { '200': json('stats'), ...errors(401, 403) } } },
      '/registrations': { get: { summary: 'Search, newest first', requestParams: { query: page.query.extend({ kind: z.string().optional() }) }, responses: { '200': json('items and nextCursor'), ...errors(...read) } } },
      '/registrations/{number}': {
        get: { summary: 'One registration', requestParams: numberPath, responses: { '200': json('detail'), ...errors(401, 404) } },
        patch: {
          summary: 'Correct the customer (support)',
          requestParams: numberPath,
          requestBody: { content: { 'application/json': { schema: z.object({ customer: z.record(z.string(), z.string()), reason: z.string().min(3).max(500) }) } } },
          responses: { '200': json('changed and changedFields'), ...errors(400, 401, 403, 404, 422) },
        },
      },
      '/devices/{id}/release': {
        post: { summary: 'Release a device (support)', requestParams: { path: z.object({ id: z.string() }) }, requestBody: reasonBody, responses: { '200': json('releasedAt'), ...errors(400, 401, 403, 404, 409, 422) } },
      },
      '/refusals': { get: { summary: 'Why customers were refused (support)', requestParams: page, responses: { '200': json('items and nextCursor'), ...errors(...read) } } },
      '/audit': {
        get: {
          summary: 'The audit (support); Accept: text/csv for CSV',
          requestParams: { query: z.object({ from: z.string().optional(), to: z.string().optional(), registrationNumber: z.string().optional(), actor: z.string().optional(), limit: z.string().optional(), cursor: z.string().optional() }) },
          responses: { '200': { description: 'items and nextCursor, or CSV', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) }, 'text/csv': { schema: z.string() } } }, ...errors(...read) },
        },
      },
      '/exports/registrations.csv': { get: { summary: 'Streamed CSV export', requestParams: { query: z.object({ kind: z.string().optional() }) }, responses: { '200': csv('one row per registered device'), ...errors(...read) } } },
    },
  });
}
