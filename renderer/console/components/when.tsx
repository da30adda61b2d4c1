import { useTranslation } from 'react-i18next';

/** Formats an instant in the operator's language and time zone, keeping the exact value for hover and machines. */
export function When({ at }: { at: string }) {
  const { i18n } = useTranslation();
  const date = new Date(at);
  const text = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  return <time dateTime={at} title={at}>{text}</time>;
}
