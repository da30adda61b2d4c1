import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManifestImport } from '../../../protocol/operator-api';
import { Alert } from '../../shared/components/alert';
import { BusyButton } from '../../shared/components/busy-button';
import { PageHeading } from '../../shared/components/page-heading';
import { operatorApi } from '../api/operator-api';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';

type RowError = ManifestImport['errors'][number];
const column = createColumnHelper<RowError>();
const COUNTS = ['rows', 'added', 'unchanged', 'updated', 'rejected'] as const;

/** Manifest upload (admin): the CSV goes to the host as text/csv; the answer is shown as counts and the rejected rows. */
export function ManifestsPage() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | undefined>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<ManifestImport | undefined>();
  const number = new Intl.NumberFormat(i18n.language);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result !== undefined) resultHeading.current?.focus();
  }, [result]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === undefined) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await operatorApi.uploadManifest(file));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const columns = [
    column.display({ id: 'line', header: t('manifests.line'), cell: ({ row }) => row.original.line }),
    column.display({ id: 'code', header: t('manifests.code'), cell: ({ row }) => t(`manifests.codes.${row.original.code}`, { defaultValue: row.original.code }) }),
    column.display({ id: 'message', header: t('manifests.message'), cell: ({ row }) => row.original.message }),
  ];
  return (
    <>
      <PageHeading>{t('manifests.heading')}</PageHeading>
      <p className="lead">{t('manifests.lead')}</p>
      <form className="filters" onSubmit={(event) => void submit(event)} noValidate>
        <div className={missing ? 'field grow has-error' : 'field grow'}>
          <label htmlFor="manifest-file">{t('manifests.file')}</label>
          <input
            id="manifest-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="manifest-hint manifest-missing"
            onChange={(event) => { setFile(event.target.files?.[0]); setMissing(false); }}
          />
          <p id="manifest-hint" className="hint">{t('manifests.fileHint')}</p>
          <p id="manifest-missing" className="field-error">{missing ? t('manifests.chooseFile') : ''}</p>
        </div>
        <BusyButton type="submit" busy={busy}>{t('manifests.upload')}</BusyButton>
      </form>
      <ErrorNotice error={error} />
      {result !== undefined && (
        <section aria-labelledby="manifest-result">
          <h2 id="manifest-result" ref={resultHeading} tabIndex={-1}>{t('manifests.result')}</h2>
          <Alert tone={result.rejected === 0 ? 'success' : 'info'}>
            <dl className="counts">
              {COUNTS.map((count) => <div key={count}><dt>{t(`manifests.${count}`)}</dt><dd>{number.format(result[count])}</dd></div>)}
            </dl>
          </Alert>
          {result.errors.length > 0 && (
            <>
              <h3>{t('manifests.errors')}</h3>
              {result.errors.length >= 1000 && <p className="hint">{t('manifests.errorsShown')}</p>}
              <DataTable caption={t('manifests.errors')} columns={columns} data={result.errors} rowKey={(row) => `${row.line}-${row.code}`} />
            </>
          )}
        </section>
      )}
    </>
  );
}
