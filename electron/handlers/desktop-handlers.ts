import type { AppInfo, IpcHandlerMap } from '../../protocol';
import type { DeviceScanner } from '../hardware/device-scanner';
import { createHostClient } from '../host-client/host-client';
import type { PcAttestor } from '../tpm/pc-attestor';
import { FormCache } from '../outbox/form-cache';
import { withFormCache } from '../outbox/form-cache-host';
import { launchFollowsOutbox } from '../first-boot/launch-follows-outbox';
import { Outbox, type OutboxEvent } from '../outbox/outbox';
import { createHandlerMap } from './create-handler-map';
import { createLaunchHandlers, type LaunchPort } from './launch-handlers';
import type { NetworkSettingsDeps } from './network-settings-handlers';
import { createOutboxHandlers } from './outbox-handlers';
import { join } from 'node:path';
import type { ChooseSavePath } from '../lifecycle/save-file';
import { TransferStore } from '../lifecycle/transfer-store';

export interface DesktopHandlersOptions {
  hostUrl: string;
  scanner: DeviceScanner;
  /** The app's data folder: outbox and cached form live here. */
  dataDir: string;
  /** The machine-wide launch state (LaunchController); null where nothing is recorded. */
  launch: LaunchPort | null;
  appInfo: () => AppInfo;
  close: () => void;
  /** Opens the privacy notice in the system browser (shell.openExternal in Electron). */
  openExternal?: (url: string) => Promise<void>;
  timeoutMs?: number;
  retries?: number;
  lookupAttempts?: number;
  buildPublicKey?: string | undefined;
  onOutboxEvent?: (event: OutboxEvent) => void;
  log?: (line: string) => void;
  /** Proves the PC's TPM when registering it (the main process passes one; preview and e2e do not). */
  attestor?: PcAttestor;
  /** The OS network settings (network-settings.ts); unset hides "Open network settings". */
  networkSettings?: NetworkSettingsDeps;
  /** Asks where to save "my data" and the receipt (dialog.showSaveDialog in Electron, a temp folder in tests). */
  chooseSavePath?: ChooseSavePath;
}

/** The full handler map plus what must be stopped at quit. */
export interface DesktopHandlers {
  handlers: IpcHandlerMap;
  outbox: Outbox;
  dispose(): Promise<void>;
}

/**
 * Wires host client, scanner, outbox and launch state into the one handler map; Electron's main
 * process, `npm run preview` and the e2e tests all call this, so they run the same code.
 */
export async function createDesktopHandlers(options: DesktopHandlersOptions): Promise<DesktopHandlers> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const launch = options.launch;
  const recordLaunch = (event: Parameters<LaunchPort['record']>[0]) => {
    if (launch) void launch.record(event).catch((error: unknown) => log(`[first-boot] could not record ${event.type}: ${String(error)}`));
  };
  const forms = new FormCache({ dataDir: options.dataDir, hostUrl: options.hostUrl, buildPublicKey: options.buildPublicKey, log });
  const host = withFormCache(
    createHostClient({ baseUrl: options.hostUrl, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.retries !== undefined ? { retries: options.retries } : {}) }),
    forms,
  );
  // "pending" exactly while entries wait, "registered" once one is delivered.
  const attestor = options.attestor;
  const followOutbox = launch ? launchFollowsOutbox(launch, log) : undefined;
  const outbox = await Outbox.open({
    dataDir: options.dataDir,
    hostUrl: options.hostUrl,
    log,
    onEvent: (event) => {
      followOutbox?.(event);
      options.onOutboxEvent?.(event);
    },
    ...(attestor ? { prove: () => attestor.prove(host) } : {}),
  });
  const handlers = createHandlerMap({
    scanner: options.scanner,
    host,
    appInfo: options.appInfo,
    close: options.close,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.lookupAttempts !== undefined ? { lookupAttempts: options.lookupAttempts } : {}),
    onRegistered: () => recordLaunch({ type: 'registered' }),
    ...(options.attestor ? { attestor: options.attestor } : {}),
    ...(options.networkSettings ? { networkSettings: options.networkSettings } : {}),
    transfers: new TransferStore(join(options.dataDir, 'transfers.json')),
    ...(options.chooseSavePath ? { chooseSavePath: options.chooseSavePath } : {}),
    offline: ({ devices, requestIdFor }) => ({
      ...createOutboxHandlers({
        devices,
        outbox,
        forms,
        fetchForm: () => host.getForm(),
        requestIdFor,
        onQueued: async () => recordLaunch({ type: 'outbox', pending: await outbox.pendingCount() }),
        log,
      }),
      ...(launch ? createLaunchHandlers({ launch }) : {}),
    }),
  });
  outbox.start();
  return { handlers, outbox, dispose: async () => Promise.all([outbox.stop(), options.attestor?.close()]).then(() => undefined) };
}

