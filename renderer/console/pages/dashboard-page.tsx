import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { ErrorNotice } from '../components/error-notice';
import { useLoad } from '../components/use-load';

// recharts is most of the console's weight: loaded with the dashboard's chart, not before sign-in.
const PerDayChart = lazy(() => import('../components/per-day-chart'));

/** Counts per kind and a 30-day chart of registrations and refused duplicates, with the same figures as a table for screen readers. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const stats = useLoad(() => operatorApi.stats(), []);
  const number = new Intl.NumberFormat(i18n.language);
  const day = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const data = stats.data;
  const perDay = (data?.perDay ?? []).map((entry) => ({ ...entry, label: day.format(new Date(`${entry.date}T00:00:00Z`)) }));
  const kinds = Object.entries(data?.devicesByKind ?? {}).filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]);
  const totals = perDay.reduce((sum, entry) => ({ registrations: sum.registrations + entry.registrations, duplicates: sum.duplicates + entry.duplicatesRefused }), { registrations: 0, duplicates: 0 });
  return (
    <>
      <PageHeading>{t('dashboard.heading')}</PageHeading>
      <ErrorNotice error={stats.error} />
      {stats.loading && data === undefined && <p role="status">{t('common.loading')}</p>}
      {data !== undefined && (
        <>
          <section className="tiles" aria-label={t('dashboard.devicesByKind')}>
            <div className="tile tile-main">
              <p className="tile-label">{t('dashboard.registrations')}</p>
              <p className="tile-value" data-testid="registrations-total">{number.format(data.registrations)}</p>
            </div>
            {kinds.map(([kind, count]) => (
              <div className="tile" key={kind}>
                <p className="tile-label">{t(`kinds.${kind}`, { defaultValue: kind })}</p>
                <p className="tile-value">{number.format(count)}</p>
              </div>
            ))}
            {kinds.length === 0 && <p className="hint">{t('dashboard.noDevices')}</p>}
          </section>
          <section className="card chart-card" aria-labelledby="per-day">
            <h2 id="per-day">{t('dashboard.perDay')}</h2>
            <p className="hint">{t('dashboard.perDayLead')}</p>
            <p className="chart-totals">{t('dashboard.totals', { registrations: number.format(totals.registrations), duplicates: number.format(totals.duplicates) })}</p>
            <div className="chart" aria-hidden="true">
              <Suspense fallback={null}>
                <PerDayChart data={perDay} registrations={t('dashboard.seriesRegistrations')} duplicates={t('dashboard.seriesDuplicates')} />
              </Suspense>
            </div>
            {/* A table ignores its own 1px box, so the wrapper hides it (else its rows lengthen the page). */}
            <div className="visually-hidden">
              <table>
                <caption>{t('dashboard.tableCaption')}</caption>
                <thead><tr><th scope="col">{t('dashboard.date')}</th><th scope="col">{t('dashboard.seriesRegistrations')}</th><th scope="col">{t('dashboard.seriesDuplicates')}</th></tr></thead>
                <tbody>
                  {perDay.map((entry) => <tr key={entry.date}><th scope="row">{entry.date}</th><td>{entry.registrations}</td><td>{entry.duplicatesRefused}</td></tr>)}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
