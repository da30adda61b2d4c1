import type { TFunction } from 'i18next';
import type { DesktopError } from '../../../protocol';
import { errorText } from './error-text';

/** Host refusals a customer can understand on their own; anything else gets the generic line. */
const EXPLAINED = ['CONSENT_REQUIRED', 'DEVICE_NOT_IDENTIFIABLE', 'SEALED_UNREADABLE', 'REQUEST_ID_CONFLICT', 'PAYLOAD_TOO_LARGE'] as const;

/** The form's own label for a host field path, so reasons name what the customer saw on the form. */
function fieldLabel(t: TFunction, path: string): string | null {
  const customer = /^customer\.(\w+)$/.exec(path);
  if (customer?.[1] !== undefined) return t(`details.fields.${customer[1]}`);
  if (path === 'password') return t('details.password');
  return null;
}

/**
 * Why the host refused a saved registration, in the customer's language: field messages mapped
 * as the forms map them, known codes explained, never the host's developer text.
 */
export function outcomeReasons(t: TFunction, error: DesktopError | undefined): string[] {
  if (error === undefined) return [t('outbox.reasons.generic')];
  const code = EXPLAINED.find((known) => known === error.code);
  if (code !== undefined) return [t(`outbox.reasons.${code}`)];
  const reasons = (error.fields ?? []).map((field) => {
    const label = fieldLabel(t, field.path);
    const text = errorText(t, field.message, false);
    return label === null ? text : t('outbox.fieldReason', { field: label, text });
  });
  const unique = [...new Set(reasons)];
  return unique.length > 0 ? unique : [t('outbox.reasons.generic')];
}
