import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { hasForbiddenCharacters } from './text-rules';

/** Customer fields in the order the wizard shows them (Japanese address order: postal code first). */
export const CUSTOMER_FIELDS = ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export const FIELD_POLICIES = ['required', 'optional', 'hidden'] as const;
export type FieldPolicy = (typeof FIELD_POLICIES)[number];
export type FieldPolicies = Readonly<Record<CustomerField, FieldPolicy>>;

/** The host's default form: everything required but the reading of the name. */
export const DEFAULT_FIELD_POLICIES: FieldPolicies = {
  name: 'required',
  nameKana: 'optional',
  email: 'required',
  phone: 'required',
  postalCode: 'required',
  address: 'required',
  country: 'required',
};

const text = (min: number, max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !hasForbiddenCharacters(value), { message: 'contains control or invisible formatting characters' })
    .refine((value) => value.trim().length >= min, { message: min === 1 ? 'required' : `at least ${min} characters` });

const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s\u3000]*$/u;
const JP_POSTAL = /^\d{3}-?\d{4}$/;
const GENERIC_POSTAL = /^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/;

const baseCustomer = z.object({
  name: text(1, 100),
  nameKana: text(0, 100).optional(),
  email: z.email('not a valid e-mail address').max(254),
  phone: text(1, 32),
  postalCode: text(1, 12),
  address: text(1, 300),
  // libphonenumber's region list: real ISO 3166-1 alpha-2 codes whose phone numbers can be checked.
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. JP')
    .refine((code: string): boolean => isSupportedCountry(code), { message: 'not a country code this service knows (ISO 3166-1 alpha-2, e.g. JP)' }),
});

interface CountryFields {
  country: string;
  phone?: string | undefined;
  postalCode?: string | undefined;
  nameKana?: string | undefined;
}

/** A valid number of the customer's own country (API.md: for JP, Japanese phone numbers), national or +CC form. */
function isPhoneOfCountry(phone: string, country: string): boolean {
  const parsed = parsePhoneNumberFromString(phone, country as CountryCode);
  return parsed !== undefined && parsed.isValid() && parsed.country === country;
}

/** Per-country rules (API.md: JP postal code NNN-NNNN or NNNNNNN, Japanese phone numbers). */
function refineForCountry(value: CountryFields, ctx: z.RefinementCtx): void {
  const isJapan = value.country === 'JP';
  if (value.phone !== undefined && !isPhoneOfCountry(value.phone, value.country)) {
    ctx.addIssue({ code: 'custom', path: ['phone'], message: 'not a valid phone number for the country' });
  }
  if (value.postalCode !== undefined) {
    const postalOk = isJapan ? JP_POSTAL.test(value.postalCode) : GENERIC_POSTAL.test(value.postalCode);
    if (!postalOk) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: isJapan ? 'Japanese postal codes are NNN-NNNN' : 'not a valid postal code',
      });
    }
  }
  if (isJapan && value.nameKana !== undefined && value.nameKana !== '' && !KANA.test(value.nameKana)) {
    ctx.addIssue({ code: 'custom', path: ['nameKana'], message: 'write the reading in kana' });
  }
}

/**
 * The Customer schema for a given form: required fields must be present, hidden ones absent.
 * Optional and hidden fields may be omitted; an omitted optional field is stored as cleared.
 */
export function customerSchema(policies: FieldPolicies = DEFAULT_FIELD_POLICIES) {
  const shape = {
    name: baseCustomer.shape.name,
    nameKana: policies.nameKana === 'required' ? text(1, 100) : baseCustomer.shape.nameKana,
    email: policies.email === 'required' ? baseCustomer.shape.email : baseCustomer.shape.email.optional(),
    phone: policies.phone === 'required' ? baseCustomer.shape.phone : baseCustomer.shape.phone.optional(),
    postalCode: policies.postalCode === 'required' ? baseCustomer.shape.postalCode : baseCustomer.shape.postalCode.optional(),
    address: baseCustomer.shape.address,
    country: baseCustomer.shape.country,
  };
  return z.strictObject(shape).superRefine((value, ctx) => {
    refineForCountry(value, ctx);
    for (const field of CUSTOMER_FIELDS) {
      if (policies[field] === 'hidden' && value[field] !== undefined && value[field] !== '') {
        ctx.addIssue({ code: 'custom', path: [field], message: 'this field is not collected' });
      }
    }
  });
}

export const defaultCustomerSchema = customerSchema();

/**
 * A customer as any host form may ask for it (only name, address and country always present):
 * for checking input before the host's actual form is known, and records the host hands back.
 */
export const anyFormCustomerSchema = customerSchema({
  name: 'required',
  nameKana: 'optional',
  email: 'optional',
  phone: 'optional',
  postalCode: 'optional',
  address: 'required',
  country: 'required',
});
export type Customer = z.infer<typeof defaultCustomerSchema>;

/** Password rules of API.md; the host may raise the minimum in its form settings. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);
