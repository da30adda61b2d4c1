import { z } from 'zod';
import { PASSWORD_MIN_LENGTH, normaliseRecoveryCode, normaliseRegistrationNumber, passwordSchema, type FormSettings } from '../../../protocol';

/** The e-mail the customer believes is on record (what the host compares, case-insensitively). */
export const recoveryEmailSchema = z.object({ email: z.string().trim().min(1, 'required').pipe(z.email('not a valid e-mail address').max(254)) });
export type RecoveryEmailValues = z.input<typeof recoveryEmailSchema>;

/** The longer of the protocol's minimum and the host's policy. */
export function minPasswordLength(form: FormSettings | undefined): number {
  return Math.max(PASSWORD_MIN_LENGTH, form?.passwordPolicy.minLength ?? PASSWORD_MIN_LENGTH);
}

/** Code from the mail plus the new password twice; the code is read as typed (any case, hyphen optional). */
export function recoveryCodeSchema(minLength: number) {
  return z
    .object({
      code: z.string().trim().min(1, 'required').refine((code) => normaliseRecoveryCode(code) !== null, 'bad code'),
      newPassword: passwordSchema.min(minLength, `at least ${minLength} characters`),
      newPasswordConfirm: z.string(),
    })
    .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ['newPasswordConfirm'], message: 'mismatch' });
}
export interface RecoveryCodeValues {
  code: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** The typed confirmation of an erasure: the registration number itself, in any spelling the host accepts. */
export function eraseConfirmationSchema(registrationNumber: string) {
  const own = normaliseRegistrationNumber(registrationNumber);
  return z.object({
    confirmation: z.string().trim().min(1, 'required').refine((typed) => own !== null && normaliseRegistrationNumber(typed) === own, 'does not match'),
  });
}
export interface EraseConfirmationValues {
  confirmation: string;
}
