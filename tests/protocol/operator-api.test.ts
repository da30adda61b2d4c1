import { describe, expect, it } from 'vitest';
import {
  auditPageSchema, manifestImportSchema, operatorMeSchema, operatorReasonSchema, refusalPageSchema, registrationDetailSchema,
  ROLE_RIGHTS, transferPageSchema,
} from '../../protocol/operator-api';

const at = '2026-12-01T09:00:00.000Z';

describe('Operator API schemas (OPERATOR-API.md)', () => {
  it('reads /me with and without a CSRF token and refuses an unknown role', () => {
    expect(operatorMeSchema.parse({ name: 'crm', role: 'viewer', via: 'token' }).csrfToken).toBeUndefined();
    expect(operatorMeSchema.parse({ name: 'Sato', role: 'support', via: 'oidc', csrfToken: 'abc' }).csrfToken).toBe('abc');
    expect(operatorMeSchema.safeParse({ name: 'x', role: 'root', via: 'token' }).success).toBe(false);
  });

  it('reads a viewer registration detail without customer and a released device with findings', () => {
    const detail = registrationDetailSchema.parse({
      registrationNumber: 'K7QM-3XRT-9PLA', registeredAt: at, locale: 'ja', consents: [{ privacyPolicyVersion: '2026-04', at }],
      devices: [{ id: 'd1', kind: 'monitor', vendor: 'EIZO', model: 'EV2785', serial: null, registeredAt: at, releasedAt: at, findings: ['not_in_manifest'] }],
      events: [{ id: '7', at, actor: { type: 'operator', name: 'Sato' }, action: 'operator_released', registrationNumber: 'K7QM-3XRT-9PLA', reason: 'sold' }],
    });
    expect(detail.customer).toBeUndefined();
    expect(detail.events[0]?.id).toBe('7');
    expect(registrationDetailSchema.safeParse({ ...detail, devices: [{ ...detail.devices[0], findings: ['stolen'] }] }).success).toBe(false);
  });

  it('keeps matchedOn and the holder on duplicate refusals and accepts an open-ended audit action', () => {
    const page = refusalPageSchema.parse({ items: [{ at, endpoint: 'POST /api/v1/registrations', device: { kind: 'pc', vendor: 'LENOVO', serial: 'PF1' }, reason: 'duplicate', matchedOn: 'serial', registrationNumber: 'K7QM-3XRT-9PLA' }], nextCursor: null });
    expect(page.items[0]?.matchedOn).toBe('serial');
    expect(auditPageSchema.parse({ items: [{ id: 'a', at, actor: { type: 'system' }, action: 'some_future_action' }], nextCursor: 'n' }).nextCursor).toBe('n');
  });

  it('reads a page of the transfers queue and refuses an unknown status', () => {
    const item = { transferId: 't1', status: 'pending', deviceId: 'd1', device: { kind: 'pc', vendor: 'LENOVO', model: 'M75q', serial: 'PF1' }, registrationNumber: 'K7QM-3XRT-9PLA', requestedAt: at };
    expect(transferPageSchema.parse({ items: [item], nextCursor: null }).items[0]?.device?.serial).toBe('PF1');
    expect(transferPageSchema.safeParse({ items: [{ ...item, status: 'lost' }], nextCursor: null }).success).toBe(false);
    expect(transferPageSchema.safeParse([item]).success).toBe(false);
  });

  it('reads a manifest result and bounds reasons to 3–500 characters after trimming', () => {
    expect(manifestImportSchema.parse({ id: '3', rows: 2, added: 1, unchanged: 0, updated: 0, rejected: 1, errors: [{ line: 3, code: 'JUNK_SERIAL', message: 'placeholder' }] }).id).toBe('3');
    expect(operatorReasonSchema.safeParse('  ab  ').success).toBe(false);
    expect(operatorReasonSchema.parse('  abc ')).toBe('abc');
    expect(operatorReasonSchema.safeParse('x'.repeat(501)).success).toBe(false);
  });

  it('gives viewers no personal information or changes, support no manifests', () => {
    expect(ROLE_RIGHTS.viewer).toEqual({ personalInformation: false, changes: false, manifests: false });
    expect(ROLE_RIGHTS.support.manifests).toBe(false);
    expect(ROLE_RIGHTS.admin).toEqual({ personalInformation: true, changes: true, manifests: true });
  });
});
