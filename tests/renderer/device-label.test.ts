import { describe, expect, it } from 'vitest';
import { deviceLabel, makerName } from '../../renderer/src/wizard/device-label';

describe('device label: one clean name per device', () => {
  it('names the PC by its marketing name with the model number as a detail (busy-desk ThinkPad)', () => {
    expect(deviceLabel({ vendor: 'LENOVO', source: 'firmware', model: '20Q5S0M600', displayName: 'LENOVO ThinkPad L490' })).toEqual({ title: 'Lenovo ThinkPad L490', modelNumber: '20Q5S0M600' });
  });

  it('does not repeat the maker or the model ("Dell Inc. · Model Inspiron 620" is one line)', () => {
    expect(deviceLabel({ vendor: 'Dell Inc.', source: 'firmware', model: 'Inspiron 620', displayName: 'Dell Inc. Inspiron 620' })).toEqual({ title: 'Dell Inspiron 620' });
    expect(deviceLabel({ vendor: 'Logitech, Inc.', source: 'usb', model: 'Webcam C270', displayName: 'Logitech, Inc. Webcam C270' })).toEqual({ title: 'Logitech Webcam C270' });
    expect(deviceLabel({ vendor: 'Razer Inc', source: 'usb', model: 'Razer Seiren Mini', displayName: 'Razer Inc Razer Seiren Mini' })).toEqual({ title: 'Razer Seiren Mini' });
    expect(deviceLabel({ vendor: 'Canon', source: 'usb', model: 'LaserShot LBP-1120 Printer', displayName: 'Canon LaserShot LBP-1120 Printer' })).toEqual({ title: 'Canon LaserShot LBP-1120 Printer' });
  });

  it('shows monitors by maker name, never the raw PNP id', () => {
    expect(deviceLabel({ vendor: 'DEL', source: 'edid', model: 'DELL U2415', displayName: 'DELL U2415' })).toEqual({ title: 'Dell U2415' });
    expect(deviceLabel({ vendor: 'ACR', source: 'edid', model: 'B247Y', displayName: 'Acer B247Y' })).toEqual({ title: 'Acer B247Y' });
    expect(makerName({ vendor: 'ZZZ', source: 'edid' })).toBe('ZZZ');
  });

  it('keeps makers spelled in capitals on purpose and title-cases shouted ones', () => {
    expect(makerName({ vendor: 'EPSON', source: 'usb' })).toBe('Epson');
    expect(makerName({ vendor: 'ASUS', source: 'usb' })).toBe('ASUS');
    expect(makerName({ vendor: 'u-blox', source: 'usb' })).toBe('u-blox');
  });
});
