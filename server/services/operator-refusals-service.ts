import { z } from 'zod';
import { fieldErrors, validationFailed } from '../http/validation';
import { listRefusals } from '../repositories/refusals-repository';
import { decodeCursor, encodeCursor, limitSchema } from './operator-cursor';
import { searchKeysOf } from './operator-registrations-service';
import type { ServiceDeps } from './service-deps';

const refusalsQuerySchema = z.object({ q: z.string().max(200).optional(), limit: limitSchema, cursor: z.string().max(200).optional() });

/** `GET /refusals` (support): why customers were refused, newest first; `q` as for registrations (serial, UUID, number). */
export async function refusalsPage(deps: ServiceDeps, query: unknown) {
  const parsed = refusalsQuerySchema.safeParse(query);
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error.issues));
  const { q, limit, cursor } = parsed.data;
  const keys = q === undefined ? {} : searchKeysOf(q, false);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const rows = await listRefusals(deps.db, {
    serialKey: keys.serialKey,
    hardwareUuid: keys.hardwareUuid,
    registrationNumber: keys.registrationNumber,
    limit: limit + 1,
    cursor: after === undefined ? undefined : { at: after[0], id: Number(after[1]) },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      at: new Date(row.at).toISOString(),
      endpoint: row.endpoint,
      device: { kind: row.kind, vendor: row.vendor, model: row.model, serial: row.serial },
      reason: row.reason,
      ...(row.reason === 'duplicate' ? { matchedOn: row.matched_on ?? undefined, registrationNumber: row.registration_number ?? undefined } : {}),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}
