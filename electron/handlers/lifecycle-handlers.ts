import { normaliseRecoveryCode, normaliseRegistrationNumber, type FormSettings, type IpcHandlerMap, type IpcResult } from '../../protocol';
import type { HostClient } from '../host-client/host-client';
import { saveToChosenFile, suggestedFileName, type ChooseSavePath } from '../lifecycle/save-file';
import type { TransferStore } from '../lifecycle/transfer-store';
import { defineHandler, fail, ok, passwordPolicyIssues } from './define-handler';
import type { DeviceRegistry } from './device-registry';
import type { SessionStore } from './session-store';

export interface LifecycleHandlerDeps {
  host: HostClient;
  devices: DeviceRegistry;
  /** The same token store the registration handlers fill at sign-in. */
  sessions: SessionStore;
  /** The host's last form (its password policy), as the registration handlers fetched it. */
  form: () => FormSettings | undefined;
  transfers: TransferStore;
  /** Where "download my data" and "save the details" go; absent, those calls refuse. */
  chooseSavePath?: ChooseSavePath;
}

type LifecycleMethod =
  | 'requestRecovery'
  | 'confirmRecovery'
  | 'requestTransfer'
  | 'getTransfers'
  | 'dismissTransfer'
  | 'releaseDevice'
  | 'exportRegistration'
  | 'eraseRegistration'
  | 'saveReceipt';
export type LifecycleHandlers = Pick<IpcHandlerMap, LifecycleMethod>;

const notANumber = <T>() => fail<T>('INVALID_ARGUMENT', 'not a registration number', { fields: [{ path: 'registrationNumber', message: 'not a registration number' }] });

/**
 * The customer's life with a registration (issue 9) as IPC handlers: forgotten password,
 * second-hand transfers, the owner's own data and the receipt. Tokens and transfer ids stay here.
 */
export function createLifecycleHandlers(deps: LifecycleHandlerDeps): LifecycleHandlers {
  const { host, devices, sessions } = deps;

  /** The live token of a registration, or the refusal that sends the customer back to the password. */
  function tokenFor(registrationNumber: string): IpcResult<{ number: string; token: string }> {
    const number = normaliseRegistrationNumber(registrationNumber);
    if (number === null) return notANumber();
    const token = sessions.token(number);
    if (token === undefined) return fail('NO_SESSION', 'enter your password again');
    return ok({ number, token });
  }

  /** A refused token ends the session here too. */
  function forgetOnInvalid<T>(number: string, result: IpcResult<T>): IpcResult<T> {
    if (!result.ok && result.error.code === 'INVALID_TOKEN') sessions.forget(number);
    return result;
  }

  async function save(kind: 'json' | 'text', name: string, content: string): Promise<IpcResult<Awaited<ReturnType<typeof saveToChosenFile>>>> {
    if (deps.chooseSavePath === undefined) return fail('SAVE_FAILED', 'this build cannot save files');
    try {
      return ok(await saveToChosenFile(deps.chooseSavePath, name, kind, content));
    } catch {
      return fail('SAVE_FAILED', 'the file could not be written there');
    }
  }

  return {
    requestRecovery: defineHandler('requestRecovery', async (arg) => {
      const identity = await devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      return host.requestRecovery({ device: identity.value, email: arg.email });
    }),

    confirmRecovery: defineHandler('confirmRecovery', async (arg) => {
      const code = normaliseRecoveryCode(arg.code);
      if (code === null) return fail('INVALID_ARGUMENT', 'not a code from the mail', { fields: [{ path: 'code', message: 'not a code' }] });
      const form = deps.form();
      const issues = form ? passwordPolicyIssues(form, arg.newPassword) : [];
      if (issues.length > 0) return fail('VALIDATION_FAILED', 'the new password does not meet the policy', { fields: issues.map((i) => ({ ...i, path: 'newPassword' })) });
      const identity = await devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      return host.confirmRecovery({ device: identity.value, code, newPassword: arg.newPassword });
    }),

    requestTransfer: defineHandler('requestTransfer', async (arg) => {
      const identity = await devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      const result = await host.requestTransfer({ device: identity.value, locale: arg.locale });
      if (!result.ok) return result;
      const { kind, vendor, model } = identity.value;
      return ok(await deps.transfers.add(result.value.transferId, { kind, vendor, model: model ?? '' }, arg.deviceId));
    }),

    getTransfers: defineHandler('getTransfers', async () =>
      ok(await deps.transfers.refresh(async (id) => {
        const answer = await host.transferStatus(id);
        return answer.ok ? answer.value : null;
      })),
    ),

    dismissTransfer: defineHandler('dismissTransfer', async (id) => ok(await deps.transfers.dismiss(id))),

    releaseDevice: defineHandler('releaseDevice', async (arg) => {
      const session = tokenFor(arg.registrationNumber);
      if (!session.ok) return session;
      const { number, token } = session.value;
      return forgetOnInvalid(number, await host.releaseDevice(number, token, arg.registeredDeviceId));
    }),

    exportRegistration: defineHandler('exportRegistration', async (arg) => {
      const session = tokenFor(arg.registrationNumber);
      if (!session.ok) return session;
      const { number, token } = session.value;
      const data = forgetOnInvalid(number, await host.exportRegistration(number, token));
      if (!data.ok) return data;
      return save('json', suggestedFileName(number, 'export'), JSON.stringify(data.value, null, 2));
    }),

    eraseRegistration: defineHandler('eraseRegistration', async (arg) => {
      const session = tokenFor(arg.registrationNumber);
      if (!session.ok) return session;
      const { number, token } = session.value;
      // The typed confirmation is checked here too: a renderer bug must not erase anything.
      if (normaliseRegistrationNumber(arg.confirmation) !== number) {
        return fail('CONFIRMATION_MISMATCH', 'the typed registration number is not this one', { fields: [{ path: 'confirmation', message: 'does not match' }] });
      }
      const result = await host.eraseRegistration(number, token);
      if (result.ok || (!result.ok && result.error.code === 'INVALID_TOKEN')) sessions.forget(number);
      return result;
    }),

    saveReceipt: defineHandler('saveReceipt', async (arg) => {
      const number = normaliseRegistrationNumber(arg.registrationNumber);
      if (number === null) return notANumber();
      return save('text', suggestedFileName(number, 'receipt'), arg.text);
    }),
  };
}
