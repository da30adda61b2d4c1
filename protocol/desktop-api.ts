import { z } from 'zod';
import { anyFormCustomerSchema } from './customer';
import { deviceKindSchema, deviceSourceSchema } from './device-identity';
import { ERROR_CODES } from './error-codes';
import { mailLocaleSchema, registeredDeviceSchema, type FieldError, type formSettingsSchema, type registrationCreatedSchema, type updateResponseSchema } from './api';
import { IPC_CHANNELS } from './ipc-channels';
import { transferStatusValueSchema, type DeviceReleased, type RecoveryConfirmed, type RegistrationErased } from './lifecycle-api';

export { IPC_CHANNELS };
export type IpcMethod = keyof typeof IPC_CHANNELS;

/** Errors the main process adds to the host's codes. */
export const DESKTOP_ERROR_CODES = [
  ...ERROR_CODES,
  'HOST_UNREACHABLE',
  'UNKNOWN_DEVICE',
  'DEVICE_NOT_SELECTABLE',
  'INVALID_ARGUMENT',
  'NO_SESSION',
  'SCAN_FAILED',
  'OUTBOX_FAILED',
  'OUTBOX_ENTRY_PENDING',
  'OPEN_FAILED',
  'SAVE_FAILED',
  'CONFIRMATION_MISMATCH',
] as const;
export const desktopErrorSchema = z.object({
  code: z.enum(DESKTOP_ERROR_CODES),
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  matchedOn: z.enum(['serial', 'hardwareUuid']).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  attemptsRemaining: z.number().int().nonnegative().optional(),
});
export type DesktopError = z.infer<typeof desktopErrorSchema>;
export type DesktopErrorCode = DesktopError['code'];

/** Signal Desktop's IPC result: never a thrown error across the bridge. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: DesktopError };

/** Why a device read from the machine cannot be registered; the wizard shows it beside the device. */
export const UNIDENTIFIABLE_REASONS = ['no-serial', 'junk-serial', 'permission-denied', 'internal-panel', 'unsupported-kind'] as const;

/** A device as the scan found it; `id` is all the renderer may send back. */
export const scannedDeviceSchema = z.object({
  id: z.string().min(1).max(128),
  kind: deviceKindSchema,
  source: deviceSourceSchema,
  vendor: z.string(),
  model: z.string(),
  displayName: z.string(),
  serial: z.string().nullable(),
  hardwareUuid: z.string().optional(),
  usbVendorId: z.string().optional(),
  usbProductId: z.string().optional(),
  edidProductCode: z.string().optional(),
  identifiable: z.boolean(),
  reason: z.enum(UNIDENTIFIABLE_REASONS).optional(),
});
export type ScannedDevice = z.infer<typeof scannedDeviceSchema>;

export const scanResultSchema = z.object({
  devices: z.array(scannedDeviceSchema),
  warnings: z.array(z.string()).default([]),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  locale: z.string(),
  hostUrl: z.string(),
  launchedAtLogin: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const deviceIdArg = z.string().min(1).max(128);

/** Arguments of each call, parsed by the handler before anything else happens. */
export const ipcArgSchemas = {
  getAppInfo: z.undefined(),
  scanDevices: z.undefined(),
  getForm: z.undefined(),
  getOfflineForm: z.undefined(),
  register: z.strictObject({
    deviceId: deviceIdArg,
    customer: anyFormCustomerSchema,
    password: z.string().min(1).max(128),
    privacyPolicyVersion: z.string().min(1).max(64),
    /** The language of the mails about this registration (the wizard's language). */
    locale: mailLocaleSchema.optional(),
  }),
  lookup: z.strictObject({ deviceId: deviceIdArg, password: z.string().min(1).max(128) }),
  update: z.strictObject({
    registrationNumber: z.string().min(1).max(20),
    customer: anyFormCustomerSchema,
    newPassword: z.string().min(1).max(128).optional(),
    /** Agreement to this policy version, sent when the host asked for it (422 CONSENT_REQUIRED). */
    privacyPolicyVersion: z.string().min(1).max(64).optional(),
  }),
  addDevice: z.strictObject({ registrationNumber: z.string().min(1).max(20), deviceId: deviceIdArg }),
  finishLater: z.strictObject({
    deviceId: deviceIdArg,
    customer: anyFormCustomerSchema,
    password: z.string().min(1).max(128),
    privacyPolicyVersion: z.string().min(1).max(64),
    /** The mail language, sealed into the kept body: the host mails in it once the entry is delivered (absent: the host's default). */
    locale: mailLocaleSchema.optional(),
  }),
  getOutbox: z.undefined(),
  retryOutbox: z.undefined(),
  dismissOutboxEntry: z.string().min(1).max(200),
  setLaunchChoice: z.enum(['remind-later', 'declined']),
  close: z.undefined(),
  openPrivacyNotice: z.undefined(),
  deviceStatus: z.strictObject({ deviceIds: z.array(deviceIdArg).min(1).max(50) }),
  networkSettingsAvailable: z.undefined(),
  openNetworkSettings: z.undefined(),
  requestRecovery: z.strictObject({ deviceId: deviceIdArg, email: z.email().max(254) }),
  confirmRecovery: z.strictObject({ deviceId: deviceIdArg, code: z.string().min(1).max(32), newPassword: z.string().min(1).max(128) }),
  requestTransfer: z.strictObject({ deviceId: deviceIdArg, locale: mailLocaleSchema }),
  getTransfers: z.undefined(),
  dismissTransfer: z.string().min(1).max(64),
  /** `registeredDeviceId` is the host's id of a device on the registration (lookup `devices[].id`), not a scan id. */
  releaseDevice: z.strictObject({ registrationNumber: z.string().min(1).max(20), registeredDeviceId: z.string().min(1).max(128) }),
  exportRegistration: z.strictObject({ registrationNumber: z.string().min(1).max(20) }),
  /** `confirmation` is what the customer typed: it must be the registration number itself. */
  eraseRegistration: z.strictObject({ registrationNumber: z.string().min(1).max(20), confirmation: z.string().min(1).max(40) }),
  /** The receipt as the customer sees it (their language), written to a file they choose. */
  saveReceipt: z.strictObject({ registrationNumber: z.string().min(1).max(20), text: z.string().min(1).max(8000) }),
} as const;

/** One scanned device's registration status as the host reported it (POST /api/v1/devices/status). */
export const deviceStatusEntrySchema = z.object({
  deviceId: z.string().min(1).max(128),
  status: z.enum(['unregistered', 'registered', 'not_identifiable']),
  matchedOn: z.enum(['serial', 'hardwareUuid']).optional(),
});
export type DeviceStatusEntry = z.infer<typeof deviceStatusEntrySchema>;
/** The deviceStatus answer, parsed again by the renderer: the bridge is a boundary both ways. */
export const deviceStatusResultSchema = z.object({ devices: z.array(deviceStatusEntrySchema) });
export type DeviceStatusResult = z.infer<typeof deviceStatusResultSchema>;
/** Whether this PC has network settings the wizard can open (the button is hidden otherwise). */
export const networkSettingsAvailabilitySchema = z.object({ available: z.boolean() });

/** A transfer request this PC sent, remembered by the main process; the host's transfer id never leaves it. */
export const rememberedTransferSchema = z.object({
  id: z.string(),
  device: z.object({ kind: deviceKindSchema, vendor: z.string(), model: z.string() }),
  deviceId: z.string().max(128).optional(),
  requestedAt: z.string(),
  status: transferStatusValueSchema,
  decidedAt: z.string().optional(),
  /** False when the host could not be asked just now: `status` is the last one known. */
  fresh: z.boolean(),
});
export type RememberedTransfer = z.infer<typeof rememberedTransferSchema>;

/** A file written where the customer chose, or nothing when they cancelled the dialog. */
export const savedFileSchema = z.union([z.object({ saved: z.literal(true), path: z.string() }), z.object({ saved: z.literal(false) })]);
export type SavedFile = z.infer<typeof savedFileSchema>;

export const lookupResultSchema = z.object({
  registrationNumber: z.string(),
  customer: anyFormCustomerSchema,
  devices: z.array(registeredDeviceSchema),
  expiresAt: z.string(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

/** A submission waiting in the offline outbox: metadata only, never personal information. */
export const outboxEntrySchema = z.object({
  id: z.string(),
  requestId: z.string(),
  device: z.object({ kind: deviceKindSchema, vendor: z.string(), model: z.string() }),
  /** The scan's id for the device (stable across launches), so the wizard can select it again for an outcome. */
  deviceId: z.string().max(128).optional(),
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'duplicate', 'rejected', 'quarantined']),
  registrationNumber: z.string().optional(),
  error: desktopErrorSchema.optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export type IpcArgs = { [K in IpcMethod]: z.infer<(typeof ipcArgSchemas)[K]> };

/** What each call answers with when it succeeds. */
export interface IpcValues {
  getAppInfo: AppInfo;
  scanDevices: ScanResult;
  getForm: z.infer<typeof formSettingsSchema>;
  /** The form to fill in while the host cannot be reached: the last one the host sent, else the build's defaults. */
  getOfflineForm: { form: z.infer<typeof formSettingsSchema>; source: 'cache' | 'build' };
  register: z.infer<typeof registrationCreatedSchema>;
  lookup: LookupResult;
  update: z.infer<typeof updateResponseSchema>;
  addDevice: z.infer<typeof registrationCreatedSchema>;
  finishLater: OutboxEntry;
  getOutbox: OutboxEntry[];
  retryOutbox: OutboxEntry[];
  /** The outbox as it is after the entry is gone, so the wizard redraws from the truth. */
  dismissOutboxEntry: OutboxEntry[];
  setLaunchChoice: { state: 'not-registered' | 'pending' | 'registered' | 'declined' };
  close: null;
  /** The privacy notice was handed to the system browser: the host's URL, never one the renderer names. */
  openPrivacyNotice: { url: string };
  /** Statuses of the given scanned devices, in the same order; no personal information either way. */
  deviceStatus: DeviceStatusResult;
  networkSettingsAvailable: z.infer<typeof networkSettingsAvailabilitySchema>;
  /** The platform's network settings were opened; nothing the renderer names is run. */
  openNetworkSettings: { opened: true };
  /** Always `{}`: whether anything matched is not told (API.md). */
  requestRecovery: Record<string, never>;
  confirmRecovery: RecoveryConfirmed;
  requestTransfer: RememberedTransfer;
  /** Every remembered transfer with its status, asked of the host now where it answers. */
  getTransfers: RememberedTransfer[];
  dismissTransfer: RememberedTransfer[];
  releaseDevice: DeviceReleased;
  exportRegistration: SavedFile;
  eraseRegistration: RegistrationErased;
  saveReceipt: SavedFile;
}

/** The bridge the preload exposes as `window.desktop`; argument-less calls take no argument. */
export type DesktopApi = {
  [K in IpcMethod]: IpcArgs[K] extends undefined ? () => Promise<IpcResult<IpcValues[K]>> : (arg: IpcArgs[K]) => Promise<IpcResult<IpcValues[K]>>;
};

/** A handler as the main process registers it: untrusted argument in, result out. */
export type IpcHandler<K extends IpcMethod> = (arg: unknown) => Promise<IpcResult<IpcValues[K]>>;
export type IpcHandlerMap = { [K in IpcMethod]: IpcHandler<K> };

export type { FieldError };
