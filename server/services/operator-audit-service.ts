import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { normaliseRegistrationNumber } from '../../protocol';
import { fieldErrors, validationFailed } from '../http/validation';
import { auditEventView, type AuditEventView } from '../repositories/audit-repository';
import { safeCell } from './csv-cells';
import { decodeCursor, encodeCursor, limitSchema } from './operator-cursor';
import type { ServiceDeps } from './service-deps';

const auditQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  registrationNumber: z.string().max(40).optional(),
  actor: z.string().min(1).max(300).optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

/** A page of audit events, newest first. */
export interface AuditPage {
  items: AuditEventView[];
  nextCursor: string | null;
}

/** `GET /audit`: filters on time, registration and actor name; cursor paging by event id, newest first. */
export async function listAudit(deps: ServiceDeps, query: unknown): Promise<AuditPage> {
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error.issues));
  const filter = parsed.data;
  let select = deps.db.selectFrom('audit_events').selectAll();
  if (filter.from !== undefined) select = select.where('at', '>=', Date.parse(filter.from));
  if (filter.to !== undefined) select = select.where('at', '<', Date.parse(filter.to));
  if (filter.registrationNumber !== undefined) {
    const number = normaliseRegistrationNumber(filter.registrationNumber);
    if (number === null) return { items: [], nextCursor: null };
    select = select.where('registration_number', '=', number);
  }
  if (filter.actor !== undefined) select = select.where('actor_name', '=', filter.actor);
  if (filter.cursor !== undefined) select = select.where('id', '<', Number(decodeCursor(filter.cursor)[1]));
  const rows = await select.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { items: page.map(auditEventView), nextCursor: rows.length > filter.limit && last ? encodeCursor([last.at, last.id]) : null };
}

/** The CSV header of the audit (`Accept: text/csv`). */
const AUDIT_CSV_COLUMNS = ['id', 'at', 'actorType', 'actorName', 'action', 'registrationNumber', 'deviceId', 'fields', 'reason'];

/** The same rows as CSV, formula-safe; fields are `;`-separated names. */
export function auditCsv(page: AuditPage): string {
  const rows = page.items.map((event) =>
    [event.id, event.at, event.actor.type, event.actor.name, event.action, event.registrationNumber, event.deviceId, event.fields?.join(';'), event.reason].map(safeCell),
  );
  return stringify([AUDIT_CSV_COLUMNS, ...rows]);
}
