import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../protocol/operator-api';
import { foldRepeats } from '../../renderer/console/components/event-timeline';

const at = (minute: number) => `2026-12-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const viewed = (id: string, minute: number, fields = ['name', 'email']): AuditEvent => ({ id, at: at(minute), actor: { type: 'operator', name: 'sam Sam' }, action: 'operator_viewed', fields });

describe('registration timeline', () => {
  it('folds consecutive identical events into one with a count and keeps every change on its own line', () => {
    const released: AuditEvent = { id: 'r', at: at(5), actor: { type: 'operator', name: 'sam Sam' }, action: 'operator_released', reason: 'sold' };
    const corrected = (id: string, fields: string[]): AuditEvent => ({ id, at: at(8), actor: { type: 'operator', name: 'sam Sam' }, action: 'operator_corrected', fields, reason: 'asked' });
    const runs = foldRepeats([viewed('1', 1), viewed('2', 2), viewed('3', 3), released, viewed('4', 6), viewed('5', 7, ['address']), corrected('6', ['phone']), corrected('7', ['email'])]);
    expect(runs.map((run) => [run.event.id, run.last.id, run.count])).toEqual([['1', '3', 3], ['r', 'r', 1], ['4', '5', 2], ['6', '6', 1], ['7', '7', 1]]);
    // Reads merge the field names they touched; corrections of different fields stay apart.
    expect(runs[2]?.event.fields).toEqual(['name', 'email', 'address']);
  });

  it('does not fold the same action by another actor', () => {
    const other: AuditEvent = { ...viewed('2', 2), actor: { type: 'operator', name: 'ada Ada' } };
    expect(foldRepeats([viewed('1', 1), other]).map((run) => run.count)).toEqual([1, 1]);
  });
});
