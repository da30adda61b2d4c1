import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSFER_STATUSES, type OperatorTransfer, type TransferStatus } from '../../../protocol/operator-api';
import { Alert } from '../../shared/components/alert';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { DeviceLine } from '../components/device-line';
import { ErrorNotice } from '../components/error-notice';
import { ReasonDialog } from '../components/reason-dialog';
import { LoadMore } from '../components/load-more';
import { usePaged } from '../components/use-paged';
import { When } from '../components/when';
import { hrefOf, navigate } from '../routes';

const statusOf = (value: string): TransferStatus => (TRANSFER_STATUSES as readonly string[]).includes(value) ? (value as TransferStatus) : 'pending';

/** The transfers queue (support): pending requests get an approve or decline, each with a reason and a confirmation. */
export function TransfersPage({ status }: { status: string }) {
  const { t } = useTranslation();
  const current = statusOf(status);
  const transfers = usePaged((cursor) => operatorApi.transfers(current, cursor), [current]);
  const [notice, setNotice] = useState<string | undefined>();
  const decided = () => {
    setNotice(t('transfers.done'));
    transfers.reload();
  };
  return (
    <>
      <PageHeading>{t('transfers.heading')}</PageHeading>
      <p className="lead">{t('transfers.lead')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="transfer-status">{t('transfers.status')}</label>
          <select id="transfer-status" value={current} onChange={(event) => { setNotice(undefined); navigate({ page: 'transfers', status: event.target.value }); }}>
            {TRANSFER_STATUSES.map((value) => <option key={value} value={value}>{t(`transfers.statuses.${value}`)}</option>)}
          </select>
        </div>
      </div>
      {notice !== undefined && <Alert tone="success"><p>{notice}</p></Alert>}
      <ErrorNotice error={transfers.error} />
      {transfers.loaded && transfers.error === undefined && transfers.items.length === 0 && <p role="status">{t('transfers.none')}</p>}
      {transfers.items.length > 0 && (
        <ul className="transfer-list">
          {transfers.items.map((transfer) => <TransferItem key={transfer.transferId} transfer={transfer} onDecided={decided} />)}
        </ul>
      )}
      {transfers.loading && <p role="status">{t('common.loading')}</p>}
      <LoadMore nextCursor={transfers.nextCursor} loading={transfers.loading} onMore={transfers.loadMore} />
    </>
  );
}

function TransferItem({ transfer, onDecided }: { transfer: OperatorTransfer; onDecided: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="card transfer">
      <dl className="facts">
        <div><dt>{t('transfers.status')}</dt><dd>{t(`transfers.statuses.${transfer.status}`)}</dd></div>
        <div><dt>{t('transfers.requestedAt')}</dt><dd><When at={transfer.requestedAt} /></dd></div>
        {transfer.device !== undefined && <div><dt>{t('transfers.device')}</dt><dd><DeviceLine device={transfer.device} /></dd></div>}
        <div><dt>{t('transfers.owner')}</dt><dd><a className="mono" href={hrefOf({ page: 'registration', number: transfer.registrationNumber })}>{transfer.registrationNumber}</a></dd></div>
        {transfer.decidedAt !== undefined && (
          <div><dt>{t('transfers.decided')}</dt><dd><When at={transfer.decidedAt} />{transfer.decidedBy !== undefined ? ` · ${transfer.decidedBy}` : ''}</dd></div>
        )}
        {transfer.reason !== undefined && <div><dt>{t('transfers.reasonLabel')}</dt><dd>{transfer.reason}</dd></div>}
      </dl>
      {transfer.status === 'pending' && (
        <div className="actions">
          {(['approve', 'decline'] as const).map((decision) => (
            <ReasonDialog
              key={decision}
              trigger={t(`transfers.${decision}`)}
              title={t(`transfers.${decision}Title`)}
              lead={t(`transfers.${decision}Lead`)}
              confirm={t(`transfers.${decision}Confirm`)}
              onConfirm={async (reason) => {
                await operatorApi.decide(transfer.transferId, decision, reason);
                onDecided();
              }}
            />
          ))}
        </div>
      )}
    </li>
  );
}
