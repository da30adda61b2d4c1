import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../protocol/operator-api';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi, type AuditFilters } from '../api/operator-api';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { actorText, fieldNames } from '../components/event-timeline';
import { LoadMore } from '../components/load-more';
import { usePaged } from '../components/use-paged';
import { When } from '../components/when';
import { hrefOf, navigate } from '../routes';

const column = createColumnHelper<AuditEvent>();

type Filters = { registrationNumber: string; actor: string; from: string; to: string };

/** Date inputs give UTC days; the host takes instants: from the start of `from` to the end of `to`. */
function apiFilters(filters: Filters): AuditFilters {
  return {
    registrationNumber: filters.registrationNumber,
    actor: filters.actor,
    from: filters.from === '' ? undefined : `${filters.from}T00:00:00.000Z`,
    to: filters.to === '' ? undefined : `${filters.to}T23:59:59.999Z`,
  };
}

/** The audit (support): filters by dates, registration and actor, the rows as a table, and the same rows as CSV. */
export function AuditPage(filters: Filters) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Filters>(filters);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>();
  const { registrationNumber, actor, from, to } = filters;
  const events = usePaged((cursor) => operatorApi.audit(apiFilters({ registrationNumber, actor, from, to }), cursor), [registrationNumber, actor, from, to]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ page: 'audit', ...form, registrationNumber: form.registrationNumber.trim(), actor: form.actor.trim() });
  };
  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      const blob = await operatorApi.auditCsv(apiFilters(filters));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'audit.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  };
  const field = (name: keyof Filters, type: 'text' | 'date') => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{t(`audit.${name}`)}</label>
      <input id={`audit-${name}`} type={type} value={form[name]} onChange={(event) => setForm({ ...form, [name]: event.target.value })} autoComplete="off" />
    </div>
  );
  const columns = [
    column.display({ id: 'at', header: t('audit.at'), cell: ({ row }) => <When at={row.original.at} /> }),
    // The actor filter takes the exact name the host records ("sub name" for people): a click sets it.
    column.display({
      id: 'who',
      header: t('audit.who'),
      cell: ({ row }) => row.original.actor.name === undefined ? actorText(t, row.original)
        : <a href={hrefOf({ page: 'audit', ...filters, actor: row.original.actor.name })}>{actorText(t, row.original)}</a>,
    }),
    column.display({ id: 'action', header: t('audit.action'), cell: ({ row }) => t(`actions.${row.original.action}`, { defaultValue: row.original.action }) }),
    column.display({
      id: 'subject',
      header: t('audit.subject'),
      cell: ({ row }) => row.original.registrationNumber === undefined ? t('common.none')
        : <a className="mono" href={hrefOf({ page: 'registration', number: row.original.registrationNumber })}>{row.original.registrationNumber}</a>,
    }),
    column.display({
      id: 'details',
      header: t('audit.details'),
      cell: ({ row }) => [
        row.original.fields !== undefined && row.original.fields.length > 0 ? t('event.fields', { fields: fieldNames(t, row.original.fields) }) : '',
        row.original.reason !== undefined ? t('event.reason', { reason: row.original.reason }) : '',
      ].filter((part) => part !== '').join(' · '),
    }),
  ];
  return (
    <>
      <PageHeading>{t('audit.heading')}</PageHeading>
      <p className="lead">{t('audit.lead')}</p>
      <form className="filters" onSubmit={submit}>
        {field('from', 'date')}
        {field('to', 'date')}
        {field('registrationNumber', 'text')}
        {field('actor', 'text')}
        <button type="submit" className="button primary">{t('common.apply')}</button>
        <BusyButton type="button" busy={downloading} className="button secondary" onClick={() => void download()}>{t('common.download')}</BusyButton>
      </form>
      <ErrorNotice error={downloadError} />
      <ErrorNotice error={events.error} />
      {events.loaded && events.error === undefined && events.items.length === 0 && <p role="status">{t('audit.none')}</p>}
      {events.items.length > 0 && <DataTable caption={t('audit.heading')} columns={columns} data={events.items} rowKey={(row) => row.id} />}
      {events.loading && <p role="status">{t('common.loading')}</p>}
      <LoadMore nextCursor={events.nextCursor} loading={events.loading} onMore={events.loadMore} />
    </>
  );
}
