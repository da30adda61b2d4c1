/**
 * The one declaration of every IPC channel between the wizard and the main process
 * (Electron Fiddle's ipc-events, Signal's result shape). The preload exposes exactly
 * `DesktopApi`; the main process and `npm run preview` register the same handler map.
 * Kept free of zod so the sandboxed preload bundles only this; desktop-api.ts re-exports it.
 */
export const IPC_CHANNELS = {
  getAppInfo: 'app:get-info',
  scanDevices: 'devices:scan',
  getForm: 'host:get-form',
  getOfflineForm: 'outbox:offline-form',
  register: 'registration:register',
  lookup: 'registration:lookup',
  update: 'registration:update',
  addDevice: 'registration:add-device',
  finishLater: 'outbox:finish-later',
  getOutbox: 'outbox:list',
  retryOutbox: 'outbox:retry',
  dismissOutboxEntry: 'outbox:dismiss',
  setLaunchChoice: 'launch:set-choice',
  close: 'app:close',
  openPrivacyNotice: 'app:open-privacy-notice',
  // Device page (issues #9, #12): statuses before typing, the OS network settings.
  deviceStatus: 'devices:status',
  networkSettingsAvailable: 'app:network-settings-available',
  openNetworkSettings: 'app:open-network-settings',
  // The customer's life with a registration (issue 9): recovery, transfers, own data, receipt.
  requestRecovery: 'recovery:request',
  confirmRecovery: 'recovery:confirm',
  requestTransfer: 'transfer:request',
  getTransfers: 'transfer:list',
  dismissTransfer: 'transfer:dismiss',
  releaseDevice: 'registration:release-device',
  exportRegistration: 'registration:export',
  eraseRegistration: 'registration:erase',
  saveReceipt: 'registration:save-receipt',
} as const;
