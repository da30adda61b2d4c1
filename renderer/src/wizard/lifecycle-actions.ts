import type { DesktopApi, DesktopError, IpcResult, SavedFile } from '../../../protocol';
import type { WizardEvent } from './wizard-machine';
import type { Screen, WizardData } from './wizard-types';

/** What the lifecycle pages (issue 9) can do; each answers the refusal to show, or null when the wizard moved on. */
export interface LifecycleActions {
  /** "Forgot your password?" from the password or duplicate page. */
  forgotPassword(): void;
  requestRecovery(email: string): Promise<DesktopError | null>;
  /** A new code to the address typed on the e-mail page (the same request again); the code page stays. */
  resendRecoveryCode(): Promise<DesktopError | null>;
  /** Back from the code page to the e-mail page, the address kept, to type another one. */
  changeRecoveryEmail(): void;
  /** Sets the new password with the mailed code, then signs in with it by an ordinary lookup. */
  confirmRecovery(code: string, newPassword: string): Promise<DesktopError | null>;
  requestTransfer(locale: 'ja' | 'en'): Promise<DesktopError | null>;
  openMyRegistration(): void;
  openDetails(): void;
  releaseDevice(registeredDeviceId: string): Promise<DesktopError | null>;
  exportData(): Promise<IpcResult<SavedFile>>;
  startErase(): void;
  erase(confirmation: string): Promise<DesktopError | null>;
  saveReceipt(registrationNumber: string, text: string): Promise<IpcResult<SavedFile>>;
}

interface Parts {
  api: DesktopApi;
  screen: Screen;
  data: WizardData;
  send: (event: WizardEvent) => void;
  run: <T>(work: () => Promise<T>) => Promise<T>;
}

const noDevice: DesktopError = { code: 'UNKNOWN_DEVICE', message: 'no device chosen' };

/** Builds the actions over the wizard's dispatch and the bridge; kept out of wizard-context.tsx so each flow reads alone. */
export function createLifecycleActions({ api, screen, data, send, run }: Parts): LifecycleActions {
  const signedIn = screen.name === 'edit' || screen.name === 'my-registration' || screen.name === 'erase' ? screen.lookup : undefined;
  /** A refusal that means "sign in again" moves the wizard to the password page; others are the page's to show. */
  const refused = (error: DesktopError): DesktopError | null => {
    if (error.code === 'NO_SESSION' || error.code === 'INVALID_TOKEN') {
      send({ type: 'session-ended' });
      return null;
    }
    return error;
  };
  return {
    forgotPassword: () => send({ type: 'forgot-started' }),
    requestRecovery: (email) =>
      run(async () => {
        if (!data.deviceId) return noDevice;
        const result = await api.requestRecovery({ deviceId: data.deviceId, email });
        if (!result.ok) return result.error;
        send({ type: 'recovery-requested', email });
        return null;
      }),
    resendRecoveryCode: () =>
      run(async () => {
        if (screen.name !== 'recovery-code') return null;
        if (!data.deviceId) return noDevice;
        const result = await api.requestRecovery({ deviceId: data.deviceId, email: screen.email });
        if (!result.ok) return result.error;
        send({ type: 'recovery-code-resent' });
        return null;
      }),
    changeRecoveryEmail: () => send({ type: 'recovery-email-change' }),
    confirmRecovery: (code, newPassword) =>
      run(async () => {
        const deviceId = data.deviceId;
        if (!deviceId) return noDevice;
        const confirmed = await api.confirmRecovery({ deviceId, code, newPassword });
        if (!confirmed.ok) return confirmed.error;
        const lookup = await api.lookup({ deviceId, password: newPassword });
        if (!lookup.ok) return lookup.error;
        send({ type: 'recovered', lookup: lookup.value });
        return null;
      }),
    requestTransfer: (locale) =>
      run(async () => {
        if (!data.deviceId) return noDevice;
        const result = await api.requestTransfer({ deviceId: data.deviceId, locale });
        if (!result.ok) return result.error;
        send({ type: 'transfer-requested', transfer: result.value });
        return null;
      }),
    openMyRegistration: () => send({ type: 'my-registration-opened' }),
    openDetails: () => send({ type: 'details-opened' }),
    releaseDevice: (registeredDeviceId) =>
      run(async () => {
        if (!signedIn) return null;
        const result = await api.releaseDevice({ registrationNumber: signedIn.registrationNumber, registeredDeviceId });
        if (!result.ok) return refused(result.error);
        send({ type: 'device-released', registeredDeviceId });
        return null;
      }),
    exportData: () =>
      run(async () => {
        if (!signedIn) return { ok: false, error: { code: 'NO_SESSION', message: 'not signed in' } };
        const result = await api.exportRegistration({ registrationNumber: signedIn.registrationNumber });
        if (!result.ok) refused(result.error);
        return result;
      }),
    startErase: () => send({ type: 'erase-started' }),
    erase: (confirmation) =>
      run(async () => {
        if (!signedIn) return null;
        const result = await api.eraseRegistration({ registrationNumber: signedIn.registrationNumber, confirmation });
        if (!result.ok) return refused(result.error);
        send({ type: 'erased', erasedAt: result.value.erasedAt });
        return null;
      }),
    saveReceipt: (registrationNumber, text) => run(() => api.saveReceipt({ registrationNumber, text })),
  };
}
