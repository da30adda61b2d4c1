import type { AppInfo, FormSettings, IpcHandler, IpcHandlerMap, IpcMethod } from '../../protocol';
import type { DeviceScanner } from '../hardware/device-scanner';
import type { HostClient } from '../host-client/host-client';
import type { PcAttestor } from '../tpm/pc-attestor';
import { createAppHandlers } from './app-handlers';
import { defineHandler, fail } from './define-handler';
import { createDeviceHandlers } from './device-handlers';
import { DeviceRegistry } from './device-registry';
import { createNetworkSettingsHandlers, type NetworkSettingsDeps } from './network-settings-handlers';
import { createRegistrationHandlers } from './registration-handlers';
import { createStatusHandlers } from './status-handlers';
import { RequestIds } from './request-ids';
import type { ChooseSavePath } from '../lifecycle/save-file';
import type { TransferStore } from '../lifecycle/transfer-store';
import { createLifecycleHandlers } from './lifecycle-handlers';
import { SessionStore } from './session-store';

type OfflineMethod = 'getOfflineForm' | 'finishLater' | 'getOutbox' | 'retryOutbox' | 'dismissOutboxEntry' | 'setLaunchChoice';
/** Handlers owned by the outbox and first-boot layer, plugged in where present. */
export type OfflineHandlers = Pick<IpcHandlerMap, OfflineMethod>;

/** What the offline handlers share with the online ones: the same devices and the same requestIds. */
export interface OfflineShared {
  devices: DeviceRegistry;
  requestIdFor: (body: unknown) => string;
}

export interface HandlerMapDeps {
  scanner: DeviceScanner;
  host: HostClient;
  appInfo: () => AppInfo;
  close: () => void;
  lookupAttempts?: number;
  newRequestId?: () => string;
  /** Told of every completed registration, so first-boot can stop launching at logon. */
  onRegistered?: (registrationNumber: string) => void;
  /** Opens the privacy notice in the system browser. */
  openExternal?: (url: string) => Promise<void>;
  /** The outbox / launch-choice handlers; without them those calls answer a clear refusal. */
  offline?: (shared: OfflineShared) => Partial<OfflineHandlers>;
  /** Proves a PC's TPM when registering it (docs/attestation.md). */
  attestor?: PcAttestor;
  /** Opens the OS network settings from the cannot-reach page; without it the button is hidden. */
  networkSettings?: NetworkSettingsDeps;
  /** Remembers transfer requests across launches; without it transfers answer a clear refusal. */
  transfers?: TransferStore;
  /** Asks the customer where to save a file (Electron's save dialog); without it saving refuses. */
  chooseSavePath?: ChooseSavePath;
}

function unavailable<K extends IpcMethod>(method: K): IpcHandler<K> {
  return defineHandler(method, () => Promise.resolve(fail('OUTBOX_FAILED', `${method} is not available in this build`)));
}

/**
 * The one handler map both Electron's main process and `npm run preview` register, so the
 * browser preview exercises exactly the code the app ships.
 */
export function createHandlerMap(deps: HandlerMapDeps): IpcHandlerMap {
  const registry = new DeviceRegistry(deps.scanner);
  const requestIds = new RequestIds(deps.newRequestId);
  const offline = deps.offline?.({ devices: registry, requestIdFor: (body) => requestIds.for(body) }) ?? {};
  const sessions = new SessionStore();
  let form: FormSettings | undefined;
  const lifecycle = deps.transfers
    ? createLifecycleHandlers({
        host: deps.host,
        devices: registry,
        sessions,
        form: () => form,
        transfers: deps.transfers,
        ...(deps.chooseSavePath ? { chooseSavePath: deps.chooseSavePath } : {}),
      })
    : undefined;
  return {
    ...createAppHandlers({ appInfo: deps.appInfo, close: deps.close }),
    ...createDeviceHandlers(registry),
    ...createRegistrationHandlers({
      host: deps.host,
      devices: registry,
      ...(deps.lookupAttempts !== undefined ? { lookupAttempts: deps.lookupAttempts } : {}),
      requestIds,
      ...(deps.onRegistered !== undefined ? { onRegistered: deps.onRegistered } : {}),
      ...(deps.attestor !== undefined ? { attestor: deps.attestor } : {}),
      ...(deps.openExternal !== undefined ? { openExternal: deps.openExternal } : {}),
      sessions,
      onForm: (latest) => {
        form = latest;
      },
    }),
    ...createStatusHandlers({ host: deps.host, devices: registry }),
    ...createNetworkSettingsHandlers(deps.networkSettings ?? { target: null }),
    getOfflineForm: offline.getOfflineForm ?? unavailable('getOfflineForm'),
    finishLater: offline.finishLater ?? unavailable('finishLater'),
    getOutbox: offline.getOutbox ?? unavailable('getOutbox'),
    retryOutbox: offline.retryOutbox ?? unavailable('retryOutbox'),
    dismissOutboxEntry: offline.dismissOutboxEntry ?? unavailable('dismissOutboxEntry'),
    setLaunchChoice: offline.setLaunchChoice ?? unavailable('setLaunchChoice'),
    requestRecovery: lifecycle?.requestRecovery ?? unavailable('requestRecovery'),
    confirmRecovery: lifecycle?.confirmRecovery ?? unavailable('confirmRecovery'),
    requestTransfer: lifecycle?.requestTransfer ?? unavailable('requestTransfer'),
    getTransfers: lifecycle?.getTransfers ?? unavailable('getTransfers'),
    dismissTransfer: lifecycle?.dismissTransfer ?? unavailable('dismissTransfer'),
    releaseDevice: lifecycle?.releaseDevice ?? unavailable('releaseDevice'),
    exportRegistration: lifecycle?.exportRegistration ?? unavailable('exportRegistration'),
    eraseRegistration: lifecycle?.eraseRegistration ?? unavailable('eraseRegistration'),
    saveReceipt: lifecycle?.saveReceipt ?? unavailable('saveReceipt'),
  };
}
