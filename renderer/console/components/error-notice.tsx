import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components/alert';
import { ApiError } from '../api/client';

const KNOWN = new Set(['NETWORK', 'UNEXPECTED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'ALREADY_RELEASED', 'TOO_MANY_REQUESTS', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR']);

/** The contract's error in plain words, with the host's per-field messages where it gave them. */
export function ErrorNotice({ error, notFound }: { error: unknown; notFound?: string }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const apiError = error instanceof ApiError ? error : new ApiError(0, 'UNEXPECTED', error instanceof Error ? error.message : 'unexpected');
  const text = apiError.code === 'NOT_FOUND' && notFound !== undefined ? notFound : KNOWN.has(apiError.code) ? t(`errors.${apiError.code}`) : t('errors.generic', { status: apiError.status });
  return (
    <Alert>
      <p>{text}</p>
      {apiError.fields.length > 0 && (
        <ul className="reasons">
          {apiError.fields.map((field) => <li key={field.path}><span className="mono">{field.path}</span>: {field.message}</li>)}
        </ul>
      )}
    </Alert>
  );
}
