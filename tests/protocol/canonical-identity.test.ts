import { describe, expect, it } from 'vitest';
import { canonicalIdentity, canonicalSerial, canonicalText, foldCase, serialKeyOf, vendorKeyOf } from '../../protocol';

describe('canonical identity (API.md: identifiers are canonicalised before any rule or comparison)', () => {
  it('makes full-width and math-bold digits ASCII, and refuses what NFKC leaves outside printable ASCII', () => {
    expect(canonicalSerial('ＰＦ３ＸＹＺ９９', { kind: 'pc' })).toBe('PF3XYZ99');
    expect(canonicalSerial('PF3\u{1D7D1}\u{1D7D7}ZZ', { kind: 'pc' })).toBe('PF339ZZ');
    for (const lookalike of ['PF3XYZ\u200B99', 'PF3XY\u00ADZ99', 'PF3XYZ\u206099', 'PF3ХYZ99' /* Cyrillic Х */, 'PF3XΥZ99' /* Greek Υ */, 'PF3XYZ\uFEFF99', 'PF3\tXYZ']) {
      expect(canonicalSerial(lookalike, { kind: 'pc' })).toBeNull();
    }
  });

  it('applies the junk rules to the canonical value, so disguised placeholders stay junk', () => {
    for (const junk of ['Ｎｏｎｅ', 'ＴＯ ＢＥ ＦＩＬＬＥＤ ＢＹ Ｏ.Ｅ.Ｍ.', 'None\u200B', '２００７１１１４１７３４０００００', '  0000000000  ']) {
      expect(canonicalSerial(junk, { kind: 'printer' })).toBeNull();
    }
  });

  it('removes format characters from vendor and model, and folds case keeping the length', () => {
    expect(canonicalText('Le\u200Bno\u00ADvo\u2060')).toBe('Lenovo');
    expect(canonicalText('ＬＥＮＯＶＯ　 ThinkPad')).toBe('LENOVO ThinkPad');
    expect(foldCase('straße')).toBe('STRAßE');
    expect(foldCase('ŉ')).toBe('ŉ');
  });

  it('gives one vendor key however the firmware spells the maker, and keeps makers apart', () => {
    const lenovo = ['LENOVO', 'Lenovo', 'ＬＥＮＯＶＯ', 'Lenovo Group Limited', 'lenovo\u200B', ' Le novo '];
    expect(new Set(lenovo.map((vendor) => vendorKeyOf(vendor, 'pc')))).toEqual(new Set(['LENOVO']));
    expect(vendorKeyOf('LEN', 'monitor')).toBe('LENOVO');
    expect(vendorKeyOf('DEL', 'monitor')).toBe(vendorKeyOf('Dell Inc.', 'pc'));
    expect(vendorKeyOf('HWP', 'monitor')).toBe(vendorKeyOf('Hewlett-Packard', 'pc'));
    expect(vendorKeyOf('HP Inc.', 'printer')).toBe('HP');
    expect(vendorKeyOf('Seiko Epson Corp.', 'printer')).toBe(vendorKeyOf('EPSON', 'scanner'));
    expect(vendorKeyOf('DEL', 'printer')).toBe('DEL');
    expect(vendorKeyOf('Canon', 'printer')).not.toBe(vendorKeyOf('Epson', 'printer'));
    expect(vendorKeyOf('---', 'other')).toBe('---');
  });

  it('folds the EDID product code into a monitor serial key so short numbers of two models never meet', () => {
    expect(serialKeyOf('1409', { kind: 'monitor', edidProductCode: '0a1b' })).not.toBe(serialKeyOf('1409', { kind: 'monitor', edidProductCode: '0A1C' }));
    expect(serialKeyOf('ab12cd', { kind: 'printer', edidProductCode: '0A1B' })).toBe('AB12CD');
    const monitor = canonicalIdentity({ kind: 'monitor', vendor: 'DEL', serial: '6310', edidProductCode: 'a0ba', source: 'edid' });
    expect(monitor).toMatchObject({ vendorKey: 'DELL', serial: '6310', edidProductCode: 'A0BA', serialKey: 'A0BA\u001f6310' });
    expect(canonicalIdentity({ kind: 'printer', vendor: 'Canon', serial: '6310', edidProductCode: 'a0ba', source: 'usb' })).toMatchObject({ serial: null, edidProductCode: null });
  });
});
