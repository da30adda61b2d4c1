import {
  auditPageSchema, authStatusSchema, correctionResultSchema, manifestImportSchema, operatorMeSchema, operatorStatsSchema,
  operatorTransferSchema, refusalPageSchema, registrationDetailSchema, registrationPageSchema, releaseResultSchema, transferPageSchema,
  type OperatorCustomer, type TransferDecision, type TransferStatus,
} from '../../../protocol/operator-api';
import { OPERATOR_API, query, requestFile, requestJson, requestOk } from './client';

/** Audit filters as the page holds them; empty ones are not sent. */
export type AuditFilters = { from?: string; to?: string; registrationNumber?: string; actor?: string };

const number = (registrationNumber: string) => encodeURIComponent(registrationNumber);

/** The Operator API's calls the console makes, one function per endpoint, each parsed by the shared schema. */
export const operatorApi = {
  authStatus: () => requestJson('/auth/status', authStatusSchema),
  me: () => requestJson(`${OPERATOR_API}/me`, operatorMeSchema),
  signOut: () => requestOk('/auth/logout', { method: 'POST' }),
  stats: () => requestJson(`${OPERATOR_API}/stats`, operatorStatsSchema),
  registrations: (q: string, kind: string, cursor?: string) =>
    requestJson(`${OPERATOR_API}/registrations${query({ q, kind, cursor, limit: 50 })}`, registrationPageSchema),
  registration: (registrationNumber: string) => requestJson(`${OPERATOR_API}/registrations/${number(registrationNumber)}`, registrationDetailSchema),
  correct: (registrationNumber: string, customer: Partial<OperatorCustomer>, reason: string) =>
    requestJson(`${OPERATOR_API}/registrations/${number(registrationNumber)}`, correctionResultSchema, { method: 'PATCH', json: { customer, reason } }),
  release: (deviceId: string, reason: string) =>
    requestJson(`${OPERATOR_API}/devices/${encodeURIComponent(deviceId)}/release`, releaseResultSchema, { method: 'POST', json: { reason } }),
  refusals: (q: string, cursor?: string) => requestJson(`${OPERATOR_API}/refusals${query({ q, cursor, limit: 50 })}`, refusalPageSchema),
  transfers: (status: TransferStatus, cursor?: string) => requestJson(`${OPERATOR_API}/transfers${query({ status, cursor, limit: 50 })}`, transferPageSchema),
  decide: (id: string, decision: TransferDecision, reason: string) =>
    requestJson(`${OPERATOR_API}/transfers/${encodeURIComponent(id)}/decision`, operatorTransferSchema, { method: 'POST', json: { decision, reason } }),
  audit: (filters: AuditFilters, cursor?: string) => requestJson(`${OPERATOR_API}/audit${query({ ...filters, cursor, limit: 100 })}`, auditPageSchema),
  auditCsv: (filters: AuditFilters) => requestFile(`${OPERATOR_API}/audit${query({ ...filters })}`, 'text/csv'),
  uploadManifest: (file: Blob) => requestJson(`${OPERATOR_API}/manifests`, manifestImportSchema, { method: 'POST', body: file, contentType: 'text/csv' }),
  /** The export is a plain link (a streamed download the browser saves), not a fetch. */
  exportUrl: (kind: string) => `${OPERATOR_API}/exports/registrations.csv${query({ kind })}`,
};
