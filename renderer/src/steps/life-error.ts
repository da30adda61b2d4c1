import type { TFunction } from 'i18next';
import type { DesktopError } from '../../../protocol';

/** Says a refusal of a lifecycle call in the customer's language: connection, busy and lockout alike everywhere. */
export function lifeErrorText(t: TFunction, error: DesktopError, language: string): string {
  switch (error.code) {
    case 'HOST_UNREACHABLE':
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL_ERROR':
      return t('lifeErrors.unreachable');
    case 'TOO_MANY_REQUESTS':
      return t('lifeErrors.busy');
    case 'TOO_MANY_ATTEMPTS': {
      const seconds = error.retryAfterSeconds ?? 900;
      const time = new Date(Date.now() + seconds * 1000).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
      return t('lifeErrors.locked', { time, minutes: Math.max(1, Math.ceil(seconds / 60)) });
    }
    case 'NO_SESSION':
    case 'INVALID_TOKEN':
      return t('errors.session');
    default:
      return t('errors.generic');
  }
}
