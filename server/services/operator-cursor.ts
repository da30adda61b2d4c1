import { z } from 'zod';
import { validationFailed } from '../http/validation';

/** Opaque page cursors: base64url JSON of the last row's sort key, checked by a schema when read. */
export function encodeCursor(key: readonly [number, string | number]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const cursorSchema = z.tuple([z.number().int().nonnegative(), z.union([z.string().min(1).max(64), z.number().int().nonnegative()])]);

/** Reads a cursor made by encodeCursor, or 422 naming `cursor`. */
export function decodeCursor(cursor: string): [number, string | number] {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the 422
  }
  throw validationFailed([{ path: 'cursor', message: 'not a cursor this API returned' }]);
}

/** The `limit` query parameter: 1–100, default 50. */
export const limitSchema = z
  .string()
  .regex(/^\d{1,3}$/, 'a whole number from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1, 'at least 1').max(100, 'at most 100'))
  .optional()
  .transform((value) => value ?? 50);
