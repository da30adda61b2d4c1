import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_RIGHTS, type OperatorMe } from '../../protocol/operator-api';
import { useDocumentLanguage } from '../shared/i18n/languages';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { operatorApi } from './api/operator-api';
import { ConsoleLayout } from './components/console-layout';
import { ErrorNotice } from './components/error-notice';
import { AuditPage } from './pages/audit-page';
import { DashboardPage } from './pages/dashboard-page';
import { ManifestsPage } from './pages/manifests-page';
import { RefusalsPage } from './pages/refusals-page';
import { RegistrationPage } from './pages/registration-page';
import { SearchPage } from './pages/search-page';
import { SignInPage } from './pages/sign-in-page';
import { TransfersPage } from './pages/transfers-page';
import { hrefOf, useRoute, type Route } from './routes';
import { SessionContext, type Session } from './session';

type Boot = { state: 'loading' } | { state: 'signed-out'; expired: boolean } | { state: 'failed'; error: unknown } | { state: 'signed-in'; me: OperatorMe };

function CurrentPage({ route, session }: { route: Route; session: Session }) {
  switch (route.page) {
    case 'dashboard': return <DashboardPage />;
    case 'search': return <SearchPage q={route.q} kind={route.kind} />;
    case 'registration': return <RegistrationPage number={route.number} />;
    case 'refusals': return session.rights.changes ? <RefusalsPage q={route.q} /> : <DashboardPage />;
    case 'transfers': return session.rights.changes ? <TransfersPage status={route.status} /> : <DashboardPage />;
    case 'audit': return session.rights.changes ? <AuditPage registrationNumber={route.registrationNumber} actor={route.actor} from={route.from} to={route.to} /> : <DashboardPage />;
    case 'manifests': return session.rights.manifests ? <ManifestsPage /> : <DashboardPage />;
  }
}

/** The console: asks the host who is signed in, then shows the page the hash names, or sign-in. */
export function App() {
  const { t } = useTranslation();
  useDocumentLanguage(t('app.title'));
  const route = useRoute();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(undefined);
      setBoot({ state: 'signed-out', expired: true });
    });
    operatorApi.me().then(
      (me) => {
        setCsrfToken(me.csrfToken);
        setBoot({ state: 'signed-in', me });
      },
      (error: unknown) => setBoot(error instanceof ApiError && error.status === 401 ? { state: 'signed-out', expired: false } : { state: 'failed', error }),
    );
  }, []);
  const signOut = useCallback(() => {
    void operatorApi.signOut().finally(() => {
      setCsrfToken(undefined);
      setBoot({ state: 'signed-out', expired: false });
    });
  }, []);
  const session = useMemo<Session | null>(
    () => (boot.state === 'signed-in' ? { ...boot.me, rights: ROLE_RIGHTS[boot.me.role], signOut } : null),
    [boot, signOut],
  );
  if (boot.state === 'loading') return <p role="status" className="boot">{t('common.loading')}</p>;
  if (boot.state === 'signed-out') return <SignInPage expired={boot.expired} />;
  if (boot.state === 'failed' || session === null) return <main className="console-main"><h1>{t('app.title')}</h1><ErrorNotice error={boot.state === 'failed' ? boot.error : undefined} /></main>;
  return (
    <SessionContext.Provider value={session}>
      <ConsoleLayout current={route.page}>
        <div key={hrefOf(route)} data-page={route.page}>
          <CurrentPage route={route} session={session} />
        </div>
      </ConsoleLayout>
    </SessionContext.Provider>
  );
}
