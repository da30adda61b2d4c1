import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Refusal } from '../../../protocol/operator-api';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { DataTable } from '../components/data-table';
import { DeviceLine } from '../components/device-line';
import { ErrorNotice } from '../components/error-notice';
import { LoadMore } from '../components/load-more';
import { usePaged } from '../components/use-paged';
import { When } from '../components/when';
import { hrefOf, navigate } from '../routes';

const column = createColumnHelper<Refusal>();

/** Why customers were refused (support): the device, the reason in words and, for duplicates, the holder's registration. */
export function RefusalsPage({ q }: { q: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const refusals = usePaged((cursor) => operatorApi.refusals(q, cursor), [q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ page: 'refusals', q: text.trim() });
  };
  const columns = [
    column.display({ id: 'at', header: t('refusals.at'), cell: ({ row }) => <When at={row.original.at} /> }),
    column.display({ id: 'device', header: t('refusals.device'), cell: ({ row }) => <DeviceLine device={row.original.device} /> }),
    column.display({
      id: 'reason',
      header: t('refusals.reason'),
      cell: ({ row }) => t(`refusals.reasons.${row.original.reason}`, { matchedOn: t(`refusals.matchedOn.${row.original.matchedOn ?? 'serial'}`) }),
    }),
    column.display({
      id: 'holder',
      header: t('refusals.holder'),
      cell: ({ row }) => row.original.registrationNumber === undefined ? t('common.none')
        : <a className="mono" href={hrefOf({ page: 'registration', number: row.original.registrationNumber })}>{row.original.registrationNumber}</a>,
    }),
    column.display({ id: 'endpoint', header: t('refusals.endpoint'), cell: ({ row }) => <span className="mono small">{row.original.endpoint}</span> }),
  ];
  return (
    <>
      <PageHeading>{t('refusals.heading')}</PageHeading>
      <p className="lead">{t('refusals.lead')}</p>
      <form className="filters" role="search" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="refusals-q">{t('refusals.query')}</label>
          <input id="refusals-q" type="search" value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit" className="button primary">{t('common.search')}</button>
      </form>
      <ErrorNotice error={refusals.error} />
      {refusals.loaded && refusals.error === undefined && refusals.items.length === 0 && <p role="status">{t('refusals.none')}</p>}
      {refusals.items.length > 0 && <DataTable caption={t('refusals.heading')} columns={columns} data={refusals.items} rowKey={(row) => `${row.at}-${row.device.serial ?? ''}-${row.endpoint}`} />}
      {refusals.loading && <p role="status">{t('common.loading')}</p>}
      <LoadMore nextCursor={refusals.nextCursor} loading={refusals.loading} onMore={refusals.loadMore} />
    </>
  );
}
