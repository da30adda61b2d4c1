import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseWindowsUsbDeviceId } from '../../electron/hardware';
import type { RawUsbDevice } from '../../electron/hardware/raw-machine';
import { usbCandidates } from '../../electron/hardware/usb-devices';
import { corpusFile } from './corpus-files';

/**
 * Device instance ids recorded in corpus usb/other-formats/glpi-agent-windows-registry
 * (glpi-agent_7-USB.reg, glpi-agent_7bis-USB.reg: the keys under Enum\USB), with what each says,
 * read by hand: the part after the second backslash is the USB iSerial, unless Windows made it up.
 */
const RECORDED: readonly (readonly [deviceId: string, vendorId: string, productId: string, serial: string | null])[] = [
  ['USB\\VID_03F0&PID_6004\\MY26K1K34C2L', '03f0', '6004', 'MY26K1K34C2L'],
  ['USB\\VID_0420&PID_1307\\6&13f4c3e&0&5', '0420', '1307', null],
  ['USB\\VID_046D&PID_08C9\\6BE882AB', '046d', '08c9', '6BE882AB'],
  ['USB\\VID_046D&PID_08C9&MI_00\\7&e16bd72&0&0000', '046d', '08c9', null],
  ['USB\\VID_046D&PID_C03E\\6&df2ee03&0&6', '046d', 'c03e', null],
  ['USB\\VID_067B&PID_3507\\0', '067b', '3507', null],
  ['USB\\VID_0718&PID_0078\\AA407084912017', '0718', '0078', 'AA407084912017'],
  ['USB\\VID_090C&PID_1000\\0210120000019976', '090c', '1000', '0210120000019976'],
  ['USB\\VID_0BB4&PID_0C87\\SH09SPL06953', '0bb4', '0c87', 'SH09SPL06953'],
  ['USB\\VID_1390&PID_0001\\WB2439Y00483', '1390', '0001', 'WB2439Y00483'],
  ['USB\\VID_1976&PID_6025\\16270078C5C90000', '1976', '6025', '16270078C5C90000'],
  ['USB\\VID_8087&PID_0024\\5&1c9b8e1e&0&1', '8087', '0024', null],
  ['USB\\VID_0000&PID_0000\\5&47cff6e&0&3', '0000', '0000', null],
  ['USB\\VID_03F0&PID_5C17\\S163EJM', '03f0', '5c17', 'S163EJM'],
  ['USB\\VID_05E0&PID_1B00\\99461300-b56a-0801-0b91-4e05d36451e4', '05e0', '1b00', '99461300-b56a-0801-0b91-4e05d36451e4'],
  ['USB\\VID_0BDA&PID_0181\\20060413092100000', '0bda', '0181', '20060413092100000'],
  ['USB\\VID_1234&PID_FFFF\\90B51700826F293B', '1234', 'ffff', '90B51700826F293B'],
];

describe('Windows-shaped usb() (serialNumber null, serial inside deviceId)', () => {
  it.each(RECORDED)('%s', (deviceId, vendorId, productId, serial) => {
    expect(parseWindowsUsbDeviceId(deviceId)).toEqual({ vendorId, productId, serial });
  });

  it('the recorded ids really are in the registry exports', async () => {
    const files = ['usb/other-formats/glpi-agent-windows-registry/glpi-agent_7-USB.reg', 'usb/other-formats/glpi-agent-windows-registry/glpi-agent_7bis-USB.reg'];
    const paths = files.map((file) => corpusFile(file));
    if (paths.some((file) => file === null)) return; // the exports live in ../shared only
    const text = (await Promise.all(paths.map((file) => readFile(file ?? '')))).map((bytes) => new TextDecoder('utf-16le').decode(bytes)).join('\n');
    for (const [deviceId] of RECORDED) expect(text).toContain(`Enum\\${deviceId}]`);
  });

  it('not a USB instance id: no ids, no serial', () => {
    expect(parseWindowsUsbDeviceId('PCI\\VEN_8086&DEV_1E2D\\3&11583659&0&D0')).toEqual({ vendorId: null, productId: null, serial: null });
    expect(parseWindowsUsbDeviceId('USB\\ROOT_HUB20\\4&2a3a5e2e&0')).toEqual({ vendorId: null, productId: null, serial: null });
  });

  it('usb() entries as systeminformation gives them on Windows become devices with the serial from deviceId', () => {
    const entries: RawUsbDevice[] = [
      { id: 0, deviceId: 'USB\\VID_03F0&PID_6004\\MY26K1K34C2L', name: 'USB Printing Support', type: 'Printer', vendor: null, manufacturer: 'Microsoft', serialNumber: null },
      { id: 1, deviceId: 'USB\\VID_046D&PID_08C9\\6BE882AB', name: 'Logitech QuickCam Pro 9000', type: 'Camera', vendor: null, manufacturer: 'Logitech', serialNumber: null },
      { id: 2, deviceId: 'USB\\VID_046D&PID_C03E\\6&df2ee03&0&6', name: 'USB Input Device', type: 'Keyboard', vendor: null, manufacturer: '(Standard system devices)', serialNumber: null },
      { id: 3, deviceId: 'USB\\VID_8087&PID_0024\\5&1c9b8e1e&0&1', name: 'Generic USB Hub', type: 'Hub', vendor: null, manufacturer: '(Standard USB Host Controller)', serialNumber: null },
    ];
    expect(usbCandidates(entries, null).map((c) => [c.kind, c.vendorId, c.productId, c.serial])).toEqual([
      ['printer', '03f0', '6004', 'MY26K1K34C2L'],
      ['camera', '046d', '08c9', '6BE882AB'],
      ['input', '046d', 'c03e', null],
    ]);
  });
});
