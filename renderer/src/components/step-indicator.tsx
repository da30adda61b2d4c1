import { useTranslation } from 'react-i18next';
import type { Mode, Screen } from '../wizard/wizard-types';

type StepKey = 'start' | 'device' | 'details' | 'password' | 'review' | 'done';

// Adding a device continues the registration just made, so it keeps that flow's steps.
const STEPS: Record<Mode, StepKey[]> = {
  new: ['start', 'device', 'details', 'review', 'done'],
  update: ['start', 'device', 'password', 'details', 'done'],
  add: ['start', 'device', 'details', 'review', 'done'],
};

/** The step a page belongs to: a refusal or "cannot reach" stays on the step where it happened, never "done". */
export function stepOf(screen: Screen): StepKey {
  switch (screen.name) {
    case 'welcome': case 'scanning': return 'start';
    case 'devices': case 'add-device': return 'device';
    case 'details': case 'edit': case 'consent-update': return 'details';
    case 'password': return 'password';
    case 'review': case 'duplicate': return 'review';
    case 'unreachable': return screen.retry === 'start' ? 'start' : screen.retry === 'add' ? 'device' : 'review';
    // Saved for later is not done: it waits on Review until the host has it.
    case 'pending': return screen.entry.status === 'delivered' ? 'done' : 'review';
    case 'success': case 'updated': return 'done';
    case 'forgot-password': case 'recovery-code': return 'password';
    case 'my-registration': case 'erase': return 'details';
    case 'transfer-requested': case 'erased': return 'done';
  }
}

/** Where the customer is in the flow; the current step is marked for assistive tech too. */
export function StepIndicator({ mode, screen }: { mode: Mode; screen: Screen }) {
  const { t } = useTranslation();
  const steps = STEPS[mode];
  const own = stepOf(screen);
  // While adding, a refusal concerns the device just picked: the customer is still choosing one.
  const key = mode === 'add' && own !== 'done' && own !== 'start' ? 'device' : own;
  const current = Math.max(0, steps.indexOf(key));
  const finished = key === 'done';
  return (
    <nav aria-label={t('steps.label')} className="steps">
      <ol>
        {steps.map((step, index) => {
          const done = index < current || (finished && index === current);
          return (
            <li key={step} className={done ? 'step-item done' : index === current ? 'step-item current' : 'step-item'} aria-current={index === current ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">{index + 1}</span>
              <span className="step-label">{t(`steps.${step}`)}</span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden">{t('steps.stepOf', { current: current + 1, total: steps.length })}</p>
    </nav>
  );
}
