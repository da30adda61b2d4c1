import { useTranslation } from 'react-i18next';
import { BusyButton } from '../../shared/components/busy-button';

/** The "show more" button under a paged list, shown only while the host has a next page. */
export function LoadMore({ nextCursor, loading, onMore }: { nextCursor: string | null; loading: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  if (nextCursor === null) return null;
  return (
    <div className="actions start">
      <BusyButton type="button" busy={loading} className="button secondary" onClick={onMore}>{t('common.loadMore')}</BusyButton>
    </div>
  );
}
