import { describe, expect, it } from 'vitest';
import {
  JUNK_EDID_SERIAL_NUMBERS,
  JUNK_SERIAL_VALUES,
  JUNK_UUID_VALUES,
  JUNK_VENDOR_MODEL_VALUES,
  canonicalSerial,
  isJunkEdidSerialNumber,
  isJunkUuid,
  isJunkVendorOrModel,
} from '../../protocol';

/** The one serial rule, as a PC (or any device without an EDID product code) meets it. */
const isJunkSerial = (value: string | null | undefined): boolean => canonicalSerial(value, { kind: 'pc' }) === null;
/** The same rule for a monitor that sent its product code: short per-model numbers are allowed. */
const isJunkEdidSerial = (value: string): boolean => canonicalSerial(value, { kind: 'monitor', edidProductCode: '03E9' }) === null;

describe('the serial rule (canonicalSerial)', () => {
  it.each([
    // placeholders from GLPI, OCS Inventory, fastfetch, systemd (any case, spacing)
    'To Be Filled By O.E.M.', 'to be filled by o.e.m.', 'To be filled by O.E.M', 'System Serial Number', 'Chassis Serial Number',
    'Base Board Serial Number', 'Default string', 'Not Specified', 'Not Applicable', 'Not Available', 'Not Settable', 'Not Present',
    'None', 'N/A', '(null string)', 'INVALID', 'OEM', 'O.E.M.', 'OEM_Serial', 'SystemSerialNumb', 'EVAL', 'IATPASS', 'NNNNNNN',
    'xxxxxxxxxxx', 'XXXXXXXXXX', 'Tulip Computers', 'Serial Number xxxxxx', 'SN-123456fvgv3i0b8o5n6n7k', 'Unknow', 'empty',
    'Type1ProductConfigId', 'All Series', '0x0000',
    // rules: one character repeated, zeros then one digit, 0/1 noise, ascending runs, versions, too short, no letters or digits
    '0', '00000000', '0000000000', 'EEEEEEEE', '.........', '1111111', '0000000000000001', '00000000000000000001', '01010110',
    '0123456789', '1234567890', '12345', '123456789000', '12345678901234567', '0123456789ABCDEF', '0123456789ABCD', 'abcdef',
    '1.0', '2.10.3', '', '   ', '--', '...', 'ab', '#1',
    // placeholder families the lists only sample (all from the corpus)
    'Type1 - 123456', 'Type2 - Board Serial Number', 'SYS-1234567890', 'SYS-9876543210', '#A123456789', 'SN0000', 'SN0000000001',
    'MB-1234567890', '[REMOVED]', '<redacted>', '<REDACTED>', '*obfuscated*', 'REMOVED....', '0x0001',
    // control characters never make a serial
    'ABC\u0000DEF1',
  ])('%j is junk', (value) => {
    expect(isJunkSerial(value)).toBe(true);
  });

  it.each([
    // odd but real (corpus): Dell board serials, VMware and Hyper-V serials, hw-probe hashes, Surface, HPE, Dell tags
    '..CN7016346K000G.', '..CN1374052400GI.', '.6J29H63.CNCMS0006U00VG.', '/D4TSSY1/              /',
    'VMware-42 1b ba bd 5f 4e af 7e-3a 56 b5 af 1c e1 a9 77', 'VMware-56 4d db dd 11 e3 8d 66-84 9e 15 8e 49 23 7c 97',
    '2349-2347-2234-2340-2341-3240-48', '3135-4298-3414-7021-8716-7514-85', 'ec2d2c6b-759a-3976-ced1-366541c6980d',
    '9BD247732539644568BCAA30E46C4D93', '48368130c2f8', 'bb4b0be3-56a6', '2M284203BK', 'PWCDH%%LMBC08S', '489089M+16324B21FK',
    'JR1SJQ1', 'PG01TCJ4', 'KBKGW40', 'CZJ1280RMQ      ', 'HU9W98FC7A174V', '123490EN400015', '12890449600207', 'NA60B7Y0S3Q',
    'DHN39Q1', 'D4TSSY1', '48Z1LX',
  ])('%j is a real serial', (value) => {
    expect(isJunkSerial(value)).toBe(false);
  });

  it('every listed placeholder is junk', () => {
    expect(JUNK_SERIAL_VALUES.filter((value) => !isJunkSerial(value))).toEqual([]);
  });

  it('null and undefined are junk', () => {
    expect(isJunkSerial(null)).toBe(true);
    expect(isJunkSerial(undefined)).toBe(true);
  });
});

describe('the serial rule on USB iSerial values', () => {
  it.each([
    ['0000:00:14.0', 'root hub bus address'],
    ['0000:00:1d.0', 'root hub bus address'],
    ['xhci-hcd.2.auto', 'host controller name'],
    ['ehci_hcd', 'host controller name'],
    ['6&13f4c3e&0&5', 'Windows pseudo-serial'],
    ['7&e16bd72&0&0000', 'Windows pseudo-serial'],
    ['0001', 'shorter than 5'],
    ['01', 'shorter than 5'],
    ['1.0', 'shorter than 5'],
    ['0123456789ABCDEF', 'Telit modules'],
    ['20071114173400000', 'every Realtek card reader'],
    ['000000001', 'zeros then one'],
    ['--', 'linuxhw mask'],
    ['(error)', 'lsusb could not read it'],
    ['S/N:28A1CC69D1D8AE4585EDA53F7CD6CB88 Rev:NBRMSAAHDM:', 'contains a colon'],
  ])('%j is junk (%s)', (value) => {
    expect(isJunkSerial(value)).toBe(true);
  });

  it.each(['BM00000HCDX', 'HCD12345678', '0441BFZ2', 'd6da37e3', 'e6a8aa5', 'ZT15120100000091', '19120604380561', 'NPH269690577', '1E0B63F0', 'A7SNB504228NRE', '12345679B623', 'Pulse Oximeter'])(
    '%j is a real serial',
    (value) => {
      expect(isJunkSerial(value)).toBe(false);
    },
  );
});

describe('EDID serials', () => {
  it.each(['', '0', '00', '1', 'NA', 'n/a', 'SerialNumber', 'Serial Number', 'Serial_Number', 'demoset-1', 'H1AK500000', '0000000000001', '1234567890123', '000001', '0000001', '1111111111111', '000000010000'])(
    '0xFF text %j is junk',
    (value) => {
      expect(isJunkEdidSerial(value)).toBe(true);
    },
  );

  it.each(['7MT019AI34EU', 'HD  000237', 'V905BAYH', 'UKP190202234', 'SPHCAL0100001', '74701944'])('0xFF text %j is a real serial', (value) => {
    expect(isJunkEdidSerial(value)).toBe(false);
  });

  it.each([0, 1, 257, 21573, 65536, 16780800, 16843009, 2147483648, 4294967295, 4, 111111, -1, 1.5])('32-bit serial %d is junk', (value) => {
    expect(isJunkEdidSerialNumber(value)).toBe(true);
  });

  it.each([45137, 68056070, 1514688565, 3229677090, 91, 831, 6035])('32-bit serial %d is a real serial (short ones within their model)', (value) => {
    expect(isJunkEdidSerialNumber(value)).toBe(false);
  });

  it('every listed shared number is junk', () => {
    expect(JUNK_EDID_SERIAL_NUMBERS.filter((value) => !isJunkEdidSerialNumber(value))).toEqual([]);
  });
});

describe('isJunkUuid', () => {
  it.each([
    '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'EEEEEEEE-EEEE-EEEE-EEEE-EEEEEEEEEEEE',
    '03000200-0400-0500-0006-000700080009', '00020003-0004-0005-0006-000700080009', '03020100-0504-0706-0809-0a0b0c0d0e0f',
    '10000000-0000-8000-0040-000000000000', '6AB5B300-538D-1014-9FB5-B0684D007B53', '01010101-0101-0101-0101-010101010101',
    'FEFEFEFE-FEFE-FEFE-FEFE-FEFEFEFEFEFE', '4C4C4544-0000-2010-8020-80C04F202020',
    // zero-filled first half (coreboot boards: only the MAC is set), Insyde template
    '00000000-0000-0000-0000-50e549bab5b7', '00000000-0000-0000-0000-1c6f645273af', '12345678-C8D0-45BD-A79F-54EA5FBD3D97',
    // not 8-4-4-4-12 hex: Hyper-V's one digit too long, hw-probe's hash, placeholders, GLPI's "2"
    '3445DEE7-45D0-1244-95DD-34FAA067C1BE33E', 'E8D1E7AD6053266C73B6BD44F37E2C45', 'Not Settable', 'Not Present', '2', '', '--',
  ])('%j is junk', (value) => {
    expect(isJunkUuid(value)).toBe(true);
  });

  it.each([
    '4c4c4544-0052-3110-8053-cac04f4a5131', '421BBABD-5F4E-AF7E-3A56-B5AF1CE1A977', '9aee1a42-138e-e5ee-fcec-823dcd747694',
    'f78a0579-5bf5-4de9-a5c7-b5ad2023449b', '080020FF-FFFF-FFFF-FFFF-0010E0BCD192', '4858445a-5047-4b31-3642-202020202020',
    '000C7406-053F-1710-8E47-E3AE95ED8CF9', 'EC2D2C6B-759A-3976-CED1-366541C6980D',
  ])('%j is a real UUID', (value) => {
    expect(isJunkUuid(value)).toBe(false);
  });

  it('every listed placeholder is junk', () => {
    expect(JUNK_UUID_VALUES.filter((value) => !isJunkUuid(value))).toEqual([]);
  });
});

describe('isJunkVendorOrModel', () => {
  it.each([
    'To Be Filled By O.E.M.', 'To be filled by O.E.M.', 'System manufacturer', 'System Manufacturer', 'System Product Name', 'System Version',
    'System Name', 'Default string', 'O.E.M', 'O.E.M.', 'OEM', 'N/A', 'Not Specified', 'Type1ProductConfigId', 'Type1Family', 'All Series',
    'Chassis Manufacture', 'Unknow', 'Unknown', '*', '', '  ', '-',
  ])('%j is junk', (value) => {
    expect(isJunkVendorOrModel(value)).toBe(true);
  });

  it.each(['Dell Inc.', 'LENOVO', 'ThinkPad L490', 'VMware, Inc.', 'Microsoft Corporation', 'innotek GmbH', 'QEMU', 'Xen', 'Bochs', 'Red Hat', 'Notebook', 'Insyde', 'HP'])(
    '%j is a real name',
    (value) => {
      expect(isJunkVendorOrModel(value)).toBe(false);
    },
  );

  it('every listed placeholder is junk', () => {
    expect(JUNK_VENDOR_MODEL_VALUES.filter((value) => !isJunkVendorOrModel(value))).toEqual([]);
  });
});

describe('one rule set whatever the source (API.md December additions)', () => {
  it.each([
    ['AB12', true], // four characters: the floor is 5 for every source now
    ['0000:00:14.0', true], // a root hub's bus address, even claimed as firmware
    ['xhci-hcd.2.auto', true],
    ['000M8N860527', false], // a Brother printer's iSerial (corpus, brlaser #115)
    ['16843009', true], // 0x01010101 as a decimal string
    ['21573', true], // 0x00005445, shared by hundreds of models
    ['20071114173400000', true], // every Realtek card reader, whatever source is claimed
    ['556828009', false], // an Acer monitor's real 32-bit serial
    ['LG8080324201', false],
    ['To Be Filled By O.E.M.', true],
    ['JR1SJQ1', false],
  ] as const)('%j → junk %s for every kind without a product code', (value, junk) => {
    for (const kind of ['pc', 'printer', 'modem', 'monitor'] as const) expect(canonicalSerial(value, { kind }) === null).toBe(junk);
  });

  it('lets only a monitor with a product code keep a short serial', () => {
    expect(canonicalSerial('1409', { kind: 'monitor', edidProductCode: '0A1B' })).toBe('1409');
    expect(canonicalSerial('1409', { kind: 'monitor' })).toBeNull();
    expect(canonicalSerial('1409', { kind: 'printer', edidProductCode: '0A1B' })).toBeNull();
    expect(canonicalSerial('0', { kind: 'monitor', edidProductCode: '0A1B' })).toBeNull();
  });
});
