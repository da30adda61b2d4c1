/**
 * Recognises a unique-constraint violation from either driver and says which index it hit,
 * because the violation itself (not a prior SELECT) is how the host detects duplicates.
 */
export function uniqueViolationTarget(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const record = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (record.code === '23505') return typeof record.constraint === 'string' ? record.constraint : '';
  if (record.code === 'SQLITE_CONSTRAINT_UNIQUE' || record.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return typeof record.message === 'string' ? record.message : '';
  }
  return null;
}
