import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components/alert';
import { LanguageSwitch } from '../../shared/components/language-switch';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { ErrorNotice } from '../components/error-notice';
import { useLoad } from '../components/use-load';

/** Sign-in: a plain navigation to /auth/login (the host sends the browser to the IdP and back), or why it is not possible. */
export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const status = useLoad(() => operatorApi.authStatus(), []);
  return (
    <div className="console sign-in">
      <header className="console-top">
        <p className="brand">{t('app.brand')}</p>
        <LanguageSwitch />
      </header>
      <main className="console-main narrow" id="main">
        <PageHeading>{t('signIn.heading')}</PageHeading>
        {expired && <Alert tone="info"><p>{t('signIn.expired')}</p></Alert>}
        <ErrorNotice error={status.error} />
        {status.data?.oidcConfigured === true && (
          <>
            <p className="lead">{t('signIn.lead')}</p>
            <a className="button primary" href="/auth/login">{t('signIn.button')}</a>
          </>
        )}
        {status.data?.oidcConfigured === false && (
          <Alert tone="info" title={t('signIn.notConfigured')}><p>{t('signIn.notConfiguredBody')}</p></Alert>
        )}
        {status.loading && <p role="status">{t('common.loading')}</p>}
      </main>
    </div>
  );
}
