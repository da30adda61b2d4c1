import { useTranslation } from 'react-i18next';
import type { Mode, ScreenName } from '../wizard/wizard-types';

type StepKey = 'start' | 'device' | 'details' | 'password' | 'review' | 'done';

const STEPS: Record<Mode, StepKey[]> = {
  new: ['start', 'device', 'details', 'review', 'done'],
  update: ['start', 'device', 'password', 'details', 'done'],
  add: ['start', 'device', 'done'],
};

const SCREEN_STEP: Record<ScreenName, StepKey> = {
  welcome: 'start', scanning: 'start', devices: 'device', 'add-device': 'device', details: 'details', edit: 'details',
  password: 'password', review: 'review', unreachable: 'review', success: 'done', duplicate: 'done', pending: 'done', updated: 'done',
};

/** Where the customer is in the flow; the current step is marked for assistive tech too. */
export function StepIndicator({ mode, screen }: { mode: Mode; screen: ScreenName }) {
  const { t } = useTranslation();
  const steps = STEPS[mode];
  const current = Math.max(0, steps.indexOf(SCREEN_STEP[screen]));
  return (
    <nav aria-label={t('steps.label')} className="steps">
      <ol>
        {steps.map((step, index) => (
          <li key={step} className={index < current ? 'step-item done' : index === current ? 'step-item current' : 'step-item'} aria-current={index === current ? 'step' : undefined}>
            <span className="step-number" aria-hidden="true">{index + 1}</span>
            <span className="step-label">{t(`steps.${step}`)}</span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden">{t('steps.stepOf', { current: current + 1, total: steps.length })}</p>
    </nav>
  );
}
