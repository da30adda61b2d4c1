import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_KINDS } from '../../../protocol/device-identity';
import type { RegistrationSummary } from '../../../protocol/operator-api';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { DataTable } from '../components/data-table';
import { DeviceLine } from '../components/device-line';
import { ErrorNotice } from '../components/error-notice';
import { LoadMore } from '../components/load-more';
import { usePaged } from '../components/use-paged';
import { When } from '../components/when';
import { hrefOf, navigate } from '../routes';
import { useSession } from '../session';

const column = createColumnHelper<RegistrationSummary>();

/** Search by number, serial, UUID (and, for support and admin, e-mail, phone or name), with the export of the same kind. */
export function SearchPage({ q, kind }: { q: string; kind: string }) {
  const { t } = useTranslation();
  const { rights } = useSession();
  const [text, setText] = useState(q);
  const [kindChoice, setKindChoice] = useState(kind);
  const results = usePaged((cursor) => operatorApi.registrations(q, kind, cursor), [q, kind]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ page: 'search', q: text.trim(), kind: kindChoice });
  };
  const columns = [
    column.display({
      id: 'number',
      header: t('search.number'),
      cell: ({ row }) => <a className="mono" href={hrefOf({ page: 'registration', number: row.original.registrationNumber })}>{row.original.registrationNumber}</a>,
    }),
    column.display({ id: 'registeredAt', header: t('search.registeredAt'), cell: ({ row }) => <When at={row.original.registeredAt} /> }),
    ...(rights.personalInformation
      ? [column.display({
          id: 'customer',
          header: t('search.customer'),
          cell: ({ row }) => <>{row.original.customer?.name ?? t('common.none')}<br /><span className="hint">{row.original.customer?.email ?? ''}</span></>,
        })]
      : []),
    column.display({
      id: 'devices',
      header: t('search.devices'),
      cell: ({ row }) => <ul className="plain">{row.original.devices.map((device) => <li key={device.id}><DeviceLine device={device} /></li>)}</ul>,
    }),
  ];
  return (
    <>
      <PageHeading>{t('search.heading')}</PageHeading>
      <p className="lead">{rights.personalInformation ? t('search.leadPi') : t('search.lead')}</p>
      <form className="filters" role="search" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="search-q">{t('search.query')}</label>
          <input id="search-q" type="search" value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="search-kind">{t('search.kind')}</label>
          <select id="search-kind" value={kindChoice} onChange={(event) => setKindChoice(event.target.value)}>
            <option value="">{t('search.anyKind')}</option>
            {DEVICE_KINDS.map((value) => <option key={value} value={value}>{t(`kinds.${value}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="button primary">{t('common.search')}</button>
      </form>
      <section aria-labelledby="results">
        <div className="section-head">
          <h2 id="results">{t('search.results')}</h2>
          <a className="button secondary" href={operatorApi.exportUrl(kindChoice)} download>{t('search.export')}</a>
        </div>
        <p className="hint">{rights.personalInformation ? t('search.exportHintPi') : t('search.exportHint')} {t('search.newest')}</p>
        <ErrorNotice error={results.error} />
        {results.loaded && results.error === undefined && results.items.length === 0 && <p role="status">{t('search.none')}</p>}
        {results.items.length > 0 && <DataTable caption={t('search.results')} columns={columns} data={results.items} rowKey={(row) => row.registrationNumber} />}
        {results.loading && <p role="status">{t('common.loading')}</p>}
        <LoadMore nextCursor={results.nextCursor} loading={results.loading} onMore={results.loadMore} />
      </section>
    </>
  );
}
