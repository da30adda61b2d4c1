import { useTranslation } from 'react-i18next';
import { useDocumentLanguage } from '../shared/i18n/languages';
import { Layout } from './components/layout';
import { AddDeviceStep } from './steps/add-device-step';
import { DetailsStep } from './steps/details-step';
import { DevicesStep } from './steps/devices-step';
import { DuplicateStep } from './steps/duplicate-step';
import { ConsentUpdateStep } from './steps/consent-update-step';
import { EditStep } from './steps/edit-step';
import { EraseStep } from './steps/erase-step';
import { ErasedStep } from './steps/erased-step';
import { ForgotPasswordStep } from './steps/forgot-password-step';
import { MyRegistrationStep } from './steps/my-registration-step';
import { RecoveryCodeStep } from './steps/recovery-code-step';
import { TransferRequestedStep } from './steps/transfer-requested-step';
import { PasswordStep } from './steps/password-step';
import { PendingStep } from './steps/pending-step';
import { ReviewStep } from './steps/review-step';
import { ScanningStep } from './steps/scanning-step';
import { SuccessStep } from './steps/success-step';
import { UnreachableStep } from './steps/unreachable-step';
import { UpdatedStep } from './steps/updated-step';
import { WelcomeStep } from './steps/welcome-step';
import { useWizard } from './wizard/wizard-context';

const visits = new WeakMap<object, number>();
let visitCount = 0;
/** A number per page visit: a new screen object means a new visit, so the page remounts and focus moves. */
function visitOf(screen: object): number {
  let visit = visits.get(screen);
  if (visit === undefined) {
    visitCount += 1;
    visit = visitCount;
    visits.set(screen, visit);
  }
  return visit;
}

function CurrentStep() {
  const { screen } = useWizard();
  switch (screen.name) {
    case 'welcome': return <WelcomeStep />;
    case 'scanning': return <ScanningStep />;
    case 'devices': return <DevicesStep />;
    case 'details': return <DetailsStep serverErrors={screen.serverErrors} rejected={screen.rejected} />;
    case 'review': return <ReviewStep error={screen.error} />;
    case 'success': return <SuccessStep created={screen.created} added={screen.added} outcomes={screen.outcomes} mailedTo={screen.mailedTo} />;
    case 'duplicate': return <DuplicateStep matchedOn={screen.matchedOn} entry={screen.entry} />;
    case 'unreachable': return <UnreachableStep retry={screen.retry} busy={screen.busy} offlineUnavailable={screen.offlineUnavailable === true} />;
    case 'pending': return <PendingStep entry={screen.entry} />;
    case 'password': return <PasswordStep />;
    case 'edit': return <EditStep lookup={screen.lookup} serverErrors={screen.serverErrors} draft={screen.draft} />;
    case 'consent-update': return <ConsentUpdateStep draft={screen.draft} />;
    case 'updated': return <UpdatedStep result={screen.result} mailedTo={screen.mailedTo} />;
    case 'add-device': return <AddDeviceStep error={screen.error} back={screen.back} />;
    case 'forgot-password': return <ForgotPasswordStep back={screen.back} email={screen.email} />;
    case 'recovery-code': return <RecoveryCodeStep email={screen.email} />;
    case 'transfer-requested': return <TransferRequestedStep transfer={screen.transfer} />;
    case 'my-registration': return <MyRegistrationStep lookup={screen.lookup} released={screen.released} />;
    case 'erase': return <EraseStep lookup={screen.lookup} />;
    case 'erased': return <ErasedStep />;
  }
}

/** The wizard: one frame, one page at a time; the page's key remounts it so focus moves to its heading. */
export function App() {
  const { screen, data } = useWizard();
  const { t } = useTranslation();
  useDocumentLanguage(t('app.title'));
  const key = `${screen.name}-${visitOf(screen)}`;
  return (
    <Layout mode={data.mode} screen={screen}>
      <div key={key} data-step={screen.name}>
        <CurrentStep />
      </div>
    </Layout>
  );
}
