import { DEFAULT_FIELD_POLICIES, DEFAULT_REGISTERED_KINDS, type FormSettings } from '../../protocol';

/**
 * The privacy notice this build ships with: the host's defaults (docs/host-configuration.md). A
 * host that later asks for another version refuses the saved entry with CONSENT_REQUIRED, and
 * the wizard then asks the customer to agree again, so a stale default never registers silently.
 */
export const BUILD_PRIVACY_POLICY = { version: '2026-01', url: 'https://example.com/privacy' } as const;

/** The form a PC that never reached the host fills in: the protocol's defaults, sealed to the build's key. */
export function buildDefaultForm(outboxPublicKey: string): FormSettings {
  return {
    privacyPolicy: { ...BUILD_PRIVACY_POLICY },
    fields: { ...DEFAULT_FIELD_POLICIES },
    passwordPolicy: { minLength: 8 },
    deviceKinds: [...DEFAULT_REGISTERED_KINDS],
    outboxPublicKey,
  };
}
