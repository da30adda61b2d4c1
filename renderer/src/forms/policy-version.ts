/** A privacy-notice version such as "2026-01" as the date it names ("2026年1月", "January 2026"); anything else as written. */
export function policyVersionLabel(version: string, language: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(version);
  if (!match) return version;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1));
  if (Number.isNaN(date.getTime())) return version;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', ...(day ? { day: 'numeric' } : {}), timeZone: 'UTC' }).format(date);
}
