import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from '../../renderer/console/routes';

describe('console routes', () => {
  it('round-trips every page through its hash, registration numbers and queries included', () => {
    const routes: Route[] = [
      { page: 'dashboard' },
      { page: 'search', q: 'taro@example.jp', kind: 'pc' },
      { page: 'registration', number: 'K7QM-3XRT-9PLA' },
      { page: 'refusals', q: 'PF 12/3' },
      { page: 'transfers', status: 'expired' },
      { page: 'audit', registrationNumber: 'K7QM', actor: 'Sato Hanako', from: '2026-11-01', to: '2026-11-30' },
      { page: 'manifests' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('opens the dashboard for an unknown hash and the pending queue by default', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'dashboard' });
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/transfers')).toEqual({ page: 'transfers', status: 'pending' });
  });
});
