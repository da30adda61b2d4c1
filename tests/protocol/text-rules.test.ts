import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacters, normaliseSerial, normaliseUuid, normaliseVendor } from '../../protocol';

describe('text rules', () => {
  it('flags Cc, bidi overrides/isolates, U+FEFF and lone surrogates only', () => {
    for (const bad of ['\u0000', '\t', '\n', '\u007F', '\u0085', '\u202A', '\u202E', '\u2066', '\u2069', '\uFEFF', '\uD83D', '\uDE00x']) {
      expect(hasForbiddenCharacters(`ok${bad}ok`)).toBe(true);
    }
    for (const fine of ['山田 太郎', 'O’Brien', '😀', 'Zoë', 'ﾔﾏﾀﾞ', '\u200D', 'a\u00A0b']) {
      expect(hasForbiddenCharacters(fine)).toBe(false);
    }
  });

  it('compares vendors after NFKC, ignoring case, all whitespace and legal forms', () => {
    expect(normaliseVendor(' Hewlett  Packard ')).toBe(normaliseVendor('hewlettpackard'));
    expect(normaliseVendor('ＨＰ')).toBe(normaliseVendor('hp'));
    expect(normaliseVendor('Canon\u3000Inc.')).toBe(normaliseVendor('canon inc.'));
    expect(normaliseVendor('Canon')).not.toBe(normaliseVendor('Epson'));
    expect(normaliseVendor('Lenovo Group Limited')).toBe(normaliseVendor('LENOVO'));
  });

  it('compares serials canonical and ignoring case, UUIDs lower case', () => {
    expect(normaliseSerial('  ab12cd ')).toBe(normaliseSerial('AB12CD'));
    expect(normaliseSerial('ＡＢ１２ＣＤ')).toBe('AB12CD');
    expect(normaliseSerial('AB 12')).not.toBe(normaliseSerial('AB12'));
    expect(normaliseUuid(' 4C4C4544-0042-3510-8052-B4C04F4E4B32 ')).toBe('4c4c4544-0042-3510-8052-b4c04f4e4b32');
  });
});
