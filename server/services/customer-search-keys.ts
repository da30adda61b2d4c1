import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** The stored customer fields the operator search keys derive from. */
export interface SearchKeySource {
  name: string;
  name_kana: string | null;
  email: string | null;
  phone: string | null;
  country: string;
}

/** The indexed search columns of a registration; written wherever its customer is written. */
export interface CustomerSearchKeys {
  email_key: string | null;
  phone_e164: string | null;
  name_key: string | null;
  name_kana_key: string | null;
}

/** Names and readings compare after NFKC and lower-casing, so full-width and case never hide a match. */
export function textSearchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** E-mail compares case-insensitively, as a whole. */
export function emailSearchKey(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** A phone number in E.164 (any formatting, national numbers read in `country`), or null when it is none. */
export function phoneSearchKey(phone: string, country?: string): string | null {
  const parsed = parsePhoneNumberFromString(phone.normalize('NFKC'), country as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/** The search keys of one stored customer. */
export function customerSearchKeys(row: SearchKeySource): CustomerSearchKeys {
  const nameKey = textSearchKey(row.name);
  const kanaKey = row.name_kana === null ? '' : textSearchKey(row.name_kana);
  return {
    email_key: row.email === null ? null : emailSearchKey(row.email),
    phone_e164: row.phone === null ? null : phoneSearchKey(row.phone, row.country),
    name_key: nameKey === '' ? null : nameKey,
    name_kana_key: kanaKey === '' ? null : kanaKey,
  };
}
