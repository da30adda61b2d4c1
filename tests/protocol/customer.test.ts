import { describe, expect, it } from 'vitest';
import { customerSchema, DEFAULT_FIELD_POLICIES, defaultCustomerSchema, passwordSchema } from '../../protocol';

const valid = {
  name: '山田 太郎',
  nameKana: 'ヤマダ タロウ',
  email: 'taro@example.jp',
  phone: '03-1234-5678',
  postalCode: '100-0001',
  address: '東京都千代田区千代田1-1',
  country: 'JP',
};

function paths(input: unknown, schema = defaultCustomerSchema): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('Customer', () => {
  it('accepts a valid Japanese customer, and postal codes with or without the hyphen', () => {
    expect(paths(valid)).toEqual([]);
    expect(paths({ ...valid, postalCode: '1000001' })).toEqual([]);
    expect(paths({ ...valid, phone: '+81 90-1234-5678' })).toEqual([]);
  });

  it('refuses bad JP postal codes and phone numbers', () => {
    expect(paths({ ...valid, postalCode: '100-00011' })).toEqual(['postalCode']);
    expect(paths({ ...valid, postalCode: '１００-０００１' })).toEqual(['postalCode']);
    expect(paths({ ...valid, phone: '12345' })).toEqual(['phone']);
    expect(paths({ ...valid, phone: '+1 202 555 0100' })).toEqual(['phone']);
  });

  it('validates per country', () => {
    expect(paths({ ...valid, country: 'US', phone: '+1 415 555 2671', postalCode: '94105', nameKana: undefined })).toEqual([]);
    expect(paths({ ...valid, country: 'jp' })).toContain('country');
    expect(paths({ ...valid, country: 'ZZ' })).toContain('country');
    expect(paths({ ...valid, country: 'QQ' })).toContain('country');
  });

  it('requires name and address, refuses empty or whitespace', () => {
    expect(paths({ ...valid, name: '   ' })).toEqual(['name']);
    expect(paths({ ...valid, address: '' })).toEqual(['address']);
    expect(paths({ ...valid, address: 'x'.repeat(301) })).toEqual(['address']);
  });

  it('refuses kana readings that are not kana, and unknown fields', () => {
    expect(paths({ ...valid, nameKana: 'Yamada' })).toEqual(['nameKana']);
    expect(paths({ ...valid, extra: 1 })).toEqual(['']);
  });

  it('refuses control, bidi and BOM characters and lone surrogates in every text field', () => {
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u202Eb', 'a\u2066b', 'a\uFEFFb', 'a\uD800b', 'a\uDC00b', 'a\u0085b']) {
      expect(paths({ ...valid, name: bad })).toEqual(['name']);
      expect(paths({ ...valid, address: bad })).toEqual(['address']);
    }
  });

  it('honours field policies', () => {
    const schema = customerSchema({ ...DEFAULT_FIELD_POLICIES, phone: 'optional', nameKana: 'hidden', email: 'required' });
    const { phone: _p, nameKana: _k, ...rest } = valid;
    expect(paths(rest, schema)).toEqual([]);
    expect(paths(valid, schema)).toEqual(['nameKana']);
  });

  it('bounds passwords to 8–128 characters', () => {
    expect(passwordSchema.safeParse('1234567').success).toBe(false);
    expect(passwordSchema.safeParse('12345678').success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(129)).success).toBe(false);
  });
});
