import { CUSTOMER_FIELDS, type Customer, type CustomerField } from '../../protocol';
import type { RegistrationRow } from '../repositories/registrations-repository';

type CustomerColumns = Pick<RegistrationRow, 'name' | 'name_kana' | 'email' | 'phone' | 'postal_code' | 'address' | 'country'>;

const COLUMN: Record<CustomerField, keyof CustomerColumns> = {
  name: 'name',
  nameKana: 'name_kana',
  email: 'email',
  phone: 'phone',
  postalCode: 'postal_code',
  address: 'address',
  country: 'country',
};

/** A customer as stored: an optional field left out (or empty) is stored as null, i.e. cleared. */
export function customerToColumns(customer: Customer): CustomerColumns {
  const value = (field: CustomerField): string | null => {
    const text = customer[field];
    return text === undefined || text === '' ? null : text;
  };
  return {
    name: customer.name,
    name_kana: value('nameKana'),
    email: value('email'),
    phone: value('phone'),
    postal_code: value('postalCode'),
    address: customer.address,
    country: customer.country,
  };
}

/** The stored customer as API.md's Customer (cleared fields left out). */
export function columnsToCustomer(row: CustomerColumns): Customer {
  const customer: Record<string, string> = {};
  for (const field of CUSTOMER_FIELDS) {
    const value = row[COLUMN[field]];
    if (value !== null) customer[field] = value;
  }
  return customer as Customer;
}

/** Which customer fields differ between two stored records. */
export function changedCustomerFields(before: CustomerColumns, after: CustomerColumns): CustomerField[] {
  return CUSTOMER_FIELDS.filter((field) => before[COLUMN[field]] !== after[COLUMN[field]]);
}
