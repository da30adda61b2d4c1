import { useTranslation } from 'react-i18next';
import type { DesktopError } from '../../../protocol';
import { outcomeReasons } from '../forms/outcome-reasons';

/** The host's reasons for refusing a saved registration, as a readable list. */
export function OutcomeReasons({ error }: { error: DesktopError | undefined }) {
  const { t } = useTranslation();
  return (
    <ul className="reasons">
      {outcomeReasons(t, error).map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}
