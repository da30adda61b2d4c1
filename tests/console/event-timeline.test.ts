import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../protocol/operator-api';
import { foldRepeats } from '../../renderer/console/components/event-timeline';

const at = (minute: number) => `2026-12-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const viewed = (id: string, minute: number, fields = ['name', 'email']): AuditEvent => ({ id, at: at(minute), actor: { type: 'operator', name: 'sam Sam' }, action: 'operator_viewed', fields });

describe('registration timeline', () => {
  it('folds consecutive identical events into one with a count and keeps every change on its own line', () => {
    const released: AuditEvent = { id: 'r', at: at(5), actor: { type: 'operator', name: 'sam Sam' }, action: 'operator_released', reason: 'sold' };
    const runs = foldRepeats([viewed('1', 1), viewed('2', 2), viewed('3', 3), released, viewed('4', 6), viewed('5', 7, ['name'])]);
    expect(runs.map((run) => [run.event.id, run.last.id, run.count])).toEqual([['1', '3', 3], ['r', 'r', 1], ['4', '4', 1], ['5', '5', 1]]);
  });

  it('does not fold the same action by another actor', () => {
    const other: AuditEvent = { ...viewed('2', 2), actor: { type: 'operator', name: 'ada Ada' } };
    expect(foldRepeats([viewed('1', 1), other]).map((run) => run.count)).toEqual([1, 1]);
  });
});
