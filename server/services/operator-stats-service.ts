import { sql } from 'kysely';
import type { ServiceDeps } from './service-deps';

const DAY_MS = 86_400_000;
const DAYS = 30;

/** `GET /stats`: live registrations, current devices by kind, and the last 30 UTC days, each read through an index. */
export async function operatorStats(deps: ServiceDeps) {
  const today = Math.floor(deps.now() / DAY_MS);
  const from = (today - DAYS + 1) * DAY_MS;
  const day = sql<number | string>`created_at / ${sql.lit(DAY_MS)}`;
  const [total, kinds, registered, refused] = await Promise.all([
    deps.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number | string>().as('n')).where('erased_at', 'is', null).executeTakeFirstOrThrow(),
    deps.db.selectFrom('devices').select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')]).where('released_at', 'is', null).groupBy('kind').execute(),
    deps.db.selectFrom('registrations').select([day.as('day'), (eb) => eb.fn.countAll<number | string>().as('n')]).where('erased_at', 'is', null).where('created_at', '>=', from).groupBy(day).execute(),
    deps.db
      .selectFrom('refusals')
      .select([sql<number | string>`at / ${sql.lit(DAY_MS)}`.as('day'), (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('at', '>=', from)
      .where('reason', '=', 'duplicate')
      .groupBy(sql`at / ${sql.lit(DAY_MS)}`)
      .execute(),
  ]);
  const byDay = (rows: Array<{ day: number | string; n: number | string }>) => new Map(rows.map((row) => [Math.floor(Number(row.day)), Number(row.n)]));
  const registrations = byDay(registered);
  const duplicates = byDay(refused);
  const perDay = Array.from({ length: DAYS }, (_, i) => {
    const index = today - DAYS + 1 + i;
    return { date: new Date(index * DAY_MS).toISOString().slice(0, 10), registrations: registrations.get(index) ?? 0, duplicatesRefused: duplicates.get(index) ?? 0 };
  });
  return {
    registrations: Number(total.n),
    devicesByKind: Object.fromEntries(kinds.map((row) => [row.kind, Number(row.n)])),
    perDay,
  };
}
