import { z } from 'zod';
import {
  CUSTOMER_FIELDS,
  DEFAULT_FIELD_POLICIES,
  customerSchema,
  passwordSchema,
  type Customer,
  type CustomerField,
  type FieldPolicies,
  type FormSettings,
} from '../../../protocol';

export type CustomerValues = Record<CustomerField, string>;
/** What the inputs hold: plain strings, so an empty optional field is just "". */
export interface DetailsValues {
  customer: CustomerValues;
  password: string;
  passwordConfirm: string;
  consent: boolean;
}
/** What a valid form yields: a protocol Customer, ready for the handlers. */
export interface DetailsOutput {
  customer: Customer;
  password: string;
  passwordConfirm: string;
  consent: boolean;
}

/** The host's policies, falling back to the protocol defaults for fields it did not mention. */
export function policiesOf(form: FormSettings | undefined): FieldPolicies {
  return { ...DEFAULT_FIELD_POLICIES, ...(form?.fields ?? {}) };
}

/**
 * Turns typed input into a Customer candidate: full-width digits from a Japanese IME become
 * ASCII, 1000001 becomes 100-0001, and empty optional or hidden fields are left out.
 */
export function cleanCustomer(values: Partial<CustomerValues>, policies: FieldPolicies): Partial<Record<CustomerField, string>> {
  const out: Partial<Record<CustomerField, string>> = {};
  for (const field of CUSTOMER_FIELDS) {
    if (policies[field] === 'hidden') continue;
    let value = values[field] ?? '';
    if (field === 'postalCode' || field === 'phone' || field === 'email') value = value.normalize('NFKC').trim();
    if (field === 'postalCode' && values.country === 'JP' && /^\d{7}$/.test(value)) value = `${value.slice(0, 3)}-${value.slice(3)}`;
    if (value === '' && policies[field] !== 'required') continue;
    out[field] = value;
  }
  return out;
}

/** Empty form values for a new registration in the given country. */
export function emptyDetails(country: string): DetailsValues {
  const customer = Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, ''])) as CustomerValues;
  return { customer: { ...customer, country }, password: '', passwordConfirm: '', consent: false };
}

/** A stored Customer as form values. */
export function customerToValues(customer: Customer): CustomerValues {
  return Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, customer[field] ?? ''])) as CustomerValues;
}

/**
 * The form's schema, built on protocol's customerSchema for the host's policies, so the
 * wizard refuses locally exactly what the host would refuse.
 */
export function detailsSchema(policies: FieldPolicies, passwordMin: number, mode: 'new' | 'edit') {
  const min = Math.max(passwordMin, 8);
  const strong = passwordSchema.min(min, `at least ${min} characters`);
  return z
    .object({
      customer: z.preprocess((value) => cleanCustomer(value as Partial<CustomerValues>, policies), customerSchema(policies)),
      password: mode === 'new' ? strong : z.union([z.literal(''), strong]),
      passwordConfirm: z.string(),
      consent: mode === 'new' ? z.boolean().refine((agreed) => agreed, 'consent') : z.boolean(),
    })
    .refine((value) => value.password === value.passwordConfirm, { path: ['passwordConfirm'], message: 'mismatch' });
}
