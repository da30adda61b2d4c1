import { normaliseRegistrationNumber, type DeviceIdentity } from '../../protocol';

interface Session {
  accessToken: string;
  expiresAt: number;
  /** The device the token was issued for: a new password voids the token, and this device signs in again with it. */
  device?: DeviceIdentity;
}

/**
 * Access tokens live here, in the main process's memory only: the renderer gets the
 * registration number, never the token, and nothing is written to disk.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the token for this registration until it expires. */
  remember(registrationNumber: string, accessToken: string, expiresAt: string, device?: DeviceIdentity): void {
    const key = normaliseRegistrationNumber(registrationNumber) ?? registrationNumber;
    this.sessions.set(key, { accessToken, expiresAt: Date.parse(expiresAt), ...(device ? { device } : {}) });
  }

  /** The device this registration's live token was issued for, if one is known. */
  device(registrationNumber: string): DeviceIdentity | undefined {
    if (this.token(registrationNumber) === undefined) return undefined;
    return this.sessions.get(normaliseRegistrationNumber(registrationNumber) ?? registrationNumber)?.device;
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
