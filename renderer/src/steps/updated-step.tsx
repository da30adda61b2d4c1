import { useTranslation } from 'react-i18next';
import type { UpdateResponse } from '../../../protocol';
import { PageHeading } from '../../shared/components/page-heading';
import { desktop } from '../desktop';
import { useWizard } from '../wizard/wizard-context';
import { addableDevices } from '../wizard/wizard-machine';

/** Update done: which fields changed, or that nothing did (and so nothing was written); the password notice's address. */
export function UpdatedStep({ result, mailedTo }: { result: UpdateResponse; mailedTo?: string | undefined }) {
  const { t } = useTranslation();
  const wizard = useWizard();
  const others = addableDevices(wizard.data);
  return (
    <section className="step">
      <PageHeading>{result.changed ? t('updated.heading') : t('updated.unchangedHeading')}</PageHeading>
      {result.changed ? (
        <>
          <p className="lead">{t('updated.changedLead')}</p>
          <ul className="changed" data-testid="changed-fields">
            {result.changedFields.map((field) => (
              <li key={field}>{field === 'password' ? t('updated.password') : t(`details.fields.${field}`)}</li>
            ))}
          </ul>
          {mailedTo !== undefined && <p className="mail-note" data-testid="mail-note">{t('updated.passwordMail', { email: mailedTo })}</p>}
        </>
      ) : (
        <p className="lead">{t('updated.unchangedLead')}</p>
      )}
      <div className="actions">
        {others.length > 0 && <button type="button" className="button secondary" onClick={() => wizard.startAddDevice()}>{t('updated.addDevice')}</button>}
        <button type="button" className="button primary" onClick={() => void desktop().close()}>{t('success.finish')}</button>
      </div>
    </section>
  );
}
