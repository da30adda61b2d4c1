/** Cells a spreadsheet would run as a formula begin with one of these (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell that no spreadsheet runs as a formula: such a cell gets a leading `'`. */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
