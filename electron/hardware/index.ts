export type { DeviceScanner, ScanOptions } from './device-scanner';
export { createDeviceScanner, readDevices } from './device-scanner-impl';
export { identityOf, type FoundDevice } from './found-device';
export { DEFAULT_IDENTITY_FILE, IDENTITY_FILE_FORMAT, configuredIdentityFile, formatIdentityFile, identityFileSchema, readIdentityFile, type IdentityFile } from './identity-file';
export { parseEdid, type EdidIdentity } from './edid';
export { parseWindowsUsbDeviceId } from './windows-usb';
