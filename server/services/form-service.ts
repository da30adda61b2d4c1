import type { FormSettings } from '../../protocol';
import type { ServiceDeps } from './service-deps';

/** What the wizard must ask (API.md `GET /api/v1/form`). */
export function formSettings(deps: Pick<ServiceDeps, 'config' | 'keys' | 'mail'>): FormSettings {
  return {
    privacyPolicy: { ...deps.config.privacyPolicy },
    fields: { ...deps.config.fieldPolicies },
    passwordPolicy: { minLength: deps.config.passwordMinLength },
    deviceKinds: [...deps.config.deviceKinds],
    outboxPublicKey: Buffer.from(deps.keys.outboxPublicKey).toString('base64'),
    recovery: deps.mail.configured,
    transfers: deps.config.transfers.enabled,
  };
}
