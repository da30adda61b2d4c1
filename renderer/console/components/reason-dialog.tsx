import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { operatorReasonSchema, REASON_MAX, REASON_MIN } from '../../../protocol/operator-api';
import { BusyButton } from '../../shared/components/busy-button';
import { ErrorNotice } from './error-notice';

type Props = {
  trigger: string;
  title: string;
  lead: string;
  confirm: string;
  /** Fields the action needs besides the reason (a correction's customer fields). */
  children?: ReactNode;
  /** Runs the change; a thrown ApiError is shown in the dialog, which then stays open. */
  onConfirm: (reason: string) => Promise<void>;
};

/** A change that asks for a reason (3–500 characters), then asks to confirm, and only then acts. */
export function ReasonDialog({ trigger, title, lead, confirm, children, onConfirm }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [isOpen, setOpen] = useState(false);
  useEffect(() => {
    if (isOpen) dialog.current?.showModal();
  }, [isOpen]);

  const open = () => {
    setReason('');
    setProblem(undefined);
    setConfirming(false);
    setError(undefined);
    setOpen(true);
  };
  const close = () => dialog.current?.close();
  const check = (event: FormEvent) => {
    event.preventDefault();
    const parsed = operatorReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setProblem(reason.trim().length < REASON_MIN ? t('reason.tooShort', { min: REASON_MIN }) : t('reason.tooLong', { max: REASON_MAX }));
      return;
    }
    setProblem(undefined);
    setConfirming(true);
  };
  const act = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      close();
    } catch (failure) {
      setError(failure);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button secondary" onClick={open} aria-label={title}>{trigger}</button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onClose={() => setOpen(false)}>
        {isOpen && (<>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="lead">{lead}</p>
        <ErrorNotice error={error} />
        {confirming ? (
          <div role="group" aria-labelledby={`${id}-sure`}>
            <p id={`${id}-sure`} className="alert-title">{t('reason.confirmTitle')}</p>
            <p className="quote">{t('reason.confirmBody', { reason: reason.trim() })}</p>
            <div className="actions">
              <button type="button" className="button secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
              <BusyButton type="button" busy={busy} className="button danger" onClick={() => void act()} autoFocus>{confirm}</BusyButton>
            </div>
          </div>
        ) : (
          <form onSubmit={check} noValidate>
            {children}
            <div className={problem === undefined ? 'field' : 'field has-error'}>
              <label htmlFor={`${id}-reason`}>{t('reason.label')}</label>
              <textarea
                id={`${id}-reason`}
                value={reason}
                rows={3}
                maxLength={REASON_MAX + 50}
                aria-invalid={problem !== undefined}
                aria-describedby={`${id}-hint ${id}-problem`}
                onChange={(event) => {
                  setReason(event.target.value);
                  setProblem(undefined);
                }}
              />
              <p id={`${id}-hint`} className="hint">{t('reason.hint', { min: REASON_MIN, max: REASON_MAX })}</p>
              <p id={`${id}-problem`} className="field-error">{problem}</p>
            </div>
            <div className="actions">
              <button type="button" className="button secondary" onClick={close}>{t('common.cancel')}</button>
              <button type="submit" className="button primary">{t('reason.check')}</button>
            </div>
          </form>
        )}
        </>)}
      </dialog>
    </>
  );
}
