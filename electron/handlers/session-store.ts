import { normaliseRegistrationNumber } from '../../protocol';

interface Session {
  accessToken: string;
  expiresAt: number;
}

/**
 * Access tokens live here, in the main process's memory only: the renderer gets the
 * registration number, never the token, and nothing is written to disk.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the token for this registration until it expires. */
  remember(registrationNumber: string, accessToken: string, expiresAt: string): void {
    const key = normaliseRegistrationNumber(registrationNumber) ?? registrationNumber;
    this.sessions.set(key, { accessToken, expiresAt: Date.parse(expiresAt) });
  }

  /** The live token for this registration, if any. */
  token(registrationNumber: string): string | undefined {
    const key = normaliseRegistrationNumber(registrationNumber) ?? registrationNumber;
    const session = this.sessions.get(key);
    if (session === undefined) return undefined;
    if (Number.isFinite(session.expiresAt) && session.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session.accessToken;
  }

  /** Drops a token the host refused. */
  forget(registrationNumber: string): void {
    this.sessions.delete(normaliseRegistrationNumber(registrationNumber) ?? registrationNumber);
  }
}
