import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shared/components/language-switch';
import { hrefOf, type PageName, type Route } from '../routes';
import { useSession } from '../session';

type NavItem = { page: PageName; route: Route; allowed: boolean };

/** The frame of every signed-in page: brand, the pages this role may open, who is signed in, language, sign-out. */
export function ConsoleLayout({ current, children }: { current: PageName; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const items: NavItem[] = [
    { page: 'dashboard', route: { page: 'dashboard' }, allowed: true },
    { page: 'search', route: { page: 'search', q: '', kind: '' }, allowed: true },
    { page: 'refusals', route: { page: 'refusals', q: '' }, allowed: session.rights.changes },
    { page: 'transfers', route: { page: 'transfers', status: 'pending' }, allowed: session.rights.changes },
    { page: 'audit', route: { page: 'audit', registrationNumber: '', actor: '', from: '', to: '' }, allowed: session.rights.changes },
    { page: 'manifests', route: { page: 'manifests' }, allowed: session.rights.manifests },
  ];
  const active = current === 'registration' ? 'search' : current;
  return (
    <div className="console">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>{t('app.skip')}</a>
      <header className="console-top">
        <p className="brand">{t('app.brand')}</p>
        <div className="console-user">
          <p className="hint">{t('nav.signedInAs', { name: session.name, role: t(`roles.${session.role}`) })}</p>
          <LanguageSwitch />
          {session.via === 'oidc' && <button type="button" className="button link" onClick={session.signOut}>{t('nav.signOut')}</button>}
        </div>
      </header>
      <nav className="console-nav" aria-label={t('nav.label')}>
        <ul>
          {items.filter((item) => item.allowed).map((item) => (
            <li key={item.page}>
              <a href={hrefOf(item.route)} aria-current={item.page === active ? 'page' : undefined}>{t(`nav.${item.page}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="console-main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
