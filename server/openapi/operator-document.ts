import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { errorBodySchema } from '../../protocol';
import {
  auditPageSchema, authStatusSchema, correctionRequestSchema, correctionResultSchema, manifestImportSchema, operatorMeSchema, operatorStatsSchema,
  operatorTransferSchema, refusalPageSchema, registrationDetailSchema, registrationPageSchema, releaseRequestSchema, releaseResultSchema,
  transferDecisionRequestSchema, transferPageSchema, TRANSFER_STATUSES,
} from '../../protocol/operator-api';

const API = '/operator/api/v1';
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const jsonBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });
const csv = (description: string) => ({ description, content: { 'text/csv; charset=utf-8': { schema: z.string() } } });
const errors = (...statuses: number[]): ZodOpenApiResponsesObject =>
  Object.fromEntries(statuses.map((status) => [String(status), json(errorBodySchema, 'API.md error shape')]));

const limit = z.string().regex(/^\d{1,3}$/).meta({ description: '1–100, default 50' });
const cursor = z.string().max(200).meta({ description: 'nextCursor of the previous page' });
const numberPath = { path: z.object({ registrationNumber: z.string().meta({ description: 'registration number, read as typed input (any case, hyphens optional, I/L → 1, O → 0)' }) }) };
const kind = z.string().min(1).max(32).meta({ description: 'a device kind' });
const signedIn: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { session: [] }];

function op(summary: string, operation: Omit<ZodOpenApiOperationObject, 'summary'>): ZodOpenApiOperationObject {
  return { summary, ...operation };
}

/**
 * OPERATOR-API.md as OpenAPI 3.1, built from the zod schemas in protocol/operator-api.ts that the
 * console parses answers with (and the host validates decisions with), so the document, the host
 * and the console cannot drift apart. Paths are absolute: the API, /metrics, sign-in and the console.
 */
export function buildOperatorOpenApiDocument(): object {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Registration host — operator API', version: '1.0.0', description: "The maker's side: support, auditors and programs (OPERATOR-API.md)." },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'a token from `npm run operator -- token create`' },
        session: { type: 'apiKey', in: 'cookie', name: 'operator_session', description: 'a console session; state-changing requests also send X-CSRF-Token (from /me)' },
      },
    },
    security: signedIn,
    paths: {
      [`${API}/me`]: { get: op('Who is calling (a browser session also gets its CSRF token)', { responses: { '200': json(operatorMeSchema, 'name, role, via'), ...errors(401) } }) },
      [`${API}/stats`]: { get: op('Counts per kind and the last 30 days (UTC)', { responses: { '200': json(operatorStatsSchema, 'stats'), ...errors(401) } }) },
      [`${API}/registrations`]: {
        get: op('Search, newest first (personal-information keys for support and admin only)', {
          requestParams: { query: z.object({ q: z.string().max(200).optional(), kind: kind.optional(), limit: limit.optional(), cursor: cursor.optional() }) },
          responses: { '200': json(registrationPageSchema, 'a page of registrations; customer absent for viewers'), ...errors(401, 422) },
        }),
      },
      [`${API}/registrations/{registrationNumber}`]: {
        get: op('One registration with devices, findings, consents and its audit events', {
          requestParams: numberPath,
          responses: { '200': json(registrationDetailSchema, 'detail; customer absent for viewers'), ...errors(401, 404) },
        }),
        patch: op('Correct the customer (support)', {
          requestParams: numberPath,
          requestBody: jsonBody(correctionRequestSchema),
          responses: { '200': json(correctionResultSchema, 'changed and changedFields'), ...errors(400, 401, 403, 404, 415, 422) },
        }),
      },
      [`${API}/devices/{deviceId}/release`]: {
        post: op('Release a device so it can be registered anew (support)', {
          requestParams: { path: z.object({ deviceId: z.string().meta({ description: 'a device id from search or detail' }) }) },
          requestBody: jsonBody(releaseRequestSchema),
          responses: { '200': json(releaseResultSchema, 'released'), ...errors(400, 401, 403, 404, 409, 415, 422) },
        }),
      },
      [`${API}/refusals`]: {
        get: op('Why customers were refused, newest first (support)', {
          requestParams: { query: z.object({ q: z.string().max(200).optional(), limit: limit.optional(), cursor: cursor.optional() }) },
          responses: { '200': json(refusalPageSchema, 'a page of refusals'), ...errors(401, 403, 422) },
        }),
      },
      [`${API}/transfers`]: {
        get: op('Transfers in one status, oldest first (support); pending = waiting for an operator', {
          requestParams: { query: z.object({ status: z.enum(TRANSFER_STATUSES).optional().meta({ description: 'default pending' }), limit: limit.optional(), cursor: cursor.optional() }) },
          responses: { '200': json(transferPageSchema, 'a page of transfers'), ...errors(401, 403, 404, 422) },
        }),
      },
      [`${API}/transfers/{transferId}/decision`]: {
        post: op('Approve or decline a pending transfer (support)', {
          requestParams: { path: z.object({ transferId: z.string().meta({ description: 'the transferId from the queue' }) }) },
          requestBody: jsonBody(transferDecisionRequestSchema),
          responses: { '200': json(operatorTransferSchema, 'the transfer with decidedBy'), ...errors(400, 401, 403, 404, 409, 415, 422) },
        }),
      },
      [`${API}/audit`]: {
        get: op('The audit, newest first (support); Accept: text/csv gives the same rows as CSV (next cursor in X-Next-Cursor)', {
          requestParams: {
            query: z.object({
              from: z.iso.datetime({ offset: true }).optional(),
              to: z.iso.datetime({ offset: true }).optional(),
              registrationNumber: z.string().max(40).optional(),
              actor: z.string().min(1).max(300).optional().meta({ description: 'exact actor.name' }),
              limit: limit.optional(),
              cursor: cursor.optional(),
            }),
          },
          responses: {
            '200': { description: 'a page of events, or the same rows as CSV', content: { 'application/json': { schema: auditPageSchema }, 'text/csv; charset=utf-8': { schema: z.string() } } },
            ...errors(401, 403, 422),
          },
        }),
      },
      [`${API}/exports/registrations.csv`]: {
        get: op('Streamed CSV, one row per registered device; personal columns for support and admin; formula cells prefixed with an apostrophe', {
          requestParams: { query: z.object({ kind: kind.optional() }) },
          responses: { '200': csv('registrationNumber,kind,vendor,model,serial,hardwareUuid,registeredAt[,name,nameKana,email,phone,postalCode,address,country]'), ...errors(401, 422) },
        }),
      },
      [`${API}/manifests`]: {
        post: op('Import a manifest of shipped devices (admin), streamed', {
          requestBody: { required: true, content: { 'text/csv': { schema: z.string().meta({ description: 'header kind,vendor,model,serial,hardwareUuid (+ optional shippedAt, ekPublicSha256)' }) } } },
          responses: { '200': json(manifestImportSchema, 'per-row outcome; errors lists at most the first 1,000 rejected rows'), ...errors(401, 403, 413, 422) },
        }),
      },
      [`${API}/openapi.json`]: { get: op('This document', { security: [], responses: { '200': json(z.object({ openapi: z.literal('3.1.0') }).loose(), 'OpenAPI 3.1') } }) },
      '/metrics': {
        get: op('Prometheus metrics (any role; counts are kept, never scanned per scrape)', {
          security: [{ bearerAuth: [] }],
          responses: { '200': { description: 'prom-client text format', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: z.string() } } }, ...errors(401) },
        }),
      },
      '/auth/status': { get: op('Whether the console can offer OpenID Connect sign-in', { security: [], responses: { '200': json(authStatusSchema, 'status') } }) },
      '/auth/login': { get: op('Starts sign-in: redirects to the OpenID provider (authorization code + PKCE)', { security: [], responses: { '302': { description: 'to the provider' }, ...errors(404, 503) } }) },
      '/auth/callback': {
        get: op("The provider's redirect back; sets the session cookie and redirects to the console", {
          security: [],
          requestParams: { query: z.object({ code: z.string().optional(), state: z.string().optional() }) },
          responses: { '302': { description: 'to / (or /?signin=<reason> when refused)' }, ...errors(404, 503) },
        }),
      },
      '/auth/logout': { post: op('Ends the console session', { security: [{ session: [] }], responses: { '204': { description: 'signed out' }, ...errors(401, 403) } }) },
      '/': { get: op('The console (a web app)', { security: [], responses: { '200': { description: 'the console', content: { 'text/html': { schema: z.string() } } } } }) },
    },
  });
}
