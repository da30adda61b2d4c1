import { createContext, useContext } from 'react';
import type { ROLE_RIGHTS, OperatorMe } from '../../protocol/operator-api';

/** The signed-in operator and what their role may do; pages offer only what the host would allow. */
export type Session = OperatorMe & { rights: (typeof ROLE_RIGHTS)[OperatorMe['role']]; signOut: () => void };

export const SessionContext = createContext<Session | null>(null);

/** The session of the page being shown; every page but sign-in renders inside one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in console');
  return session;
}
