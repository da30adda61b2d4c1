import { useEffect, useState } from 'react';

/** The console's pages, addressed by the URL hash so a reload or a pasted link opens the same page. */
export type Route =
  | { page: 'dashboard' }
  | { page: 'search'; q: string; kind: string }
  | { page: 'registration'; number: string }
  | { page: 'refusals'; q: string }
  | { page: 'transfers'; status: string }
  | { page: 'audit'; registrationNumber: string; actor: string; from: string; to: string }
  | { page: 'manifests' };

export type PageName = Route['page'];

/** Reads a hash such as `#/search?q=ABC` into a route; anything unknown is the dashboard. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name) ?? '';
  const parts = path.split('/').filter((part) => part !== '');
  switch (parts[0]) {
    case 'search': return { page: 'search', q: get('q'), kind: get('kind') };
    case 'registrations': return parts[1] === undefined ? { page: 'search', q: '', kind: '' } : { page: 'registration', number: decodeURIComponent(parts[1]) };
    case 'refusals': return { page: 'refusals', q: get('q') };
    case 'transfers': return { page: 'transfers', status: get('status') || 'pending' };
    case 'audit': return { page: 'audit', registrationNumber: get('registrationNumber'), actor: get('actor'), from: get('from'), to: get('to') };
    case 'manifests': return { page: 'manifests' };
    default: return { page: 'dashboard' };
  }
}

/** The hash for a route (the inverse of parseRoute), for links and navigation. */
export function hrefOf(route: Route): string {
  const withQuery = (path: string, params: Record<string, string>) => {
    const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
    return search === '' ? `#/${path}` : `#/${path}?${search}`;
  };
  switch (route.page) {
    case 'dashboard': return '#/';
    case 'search': return withQuery('search', { q: route.q, kind: route.kind });
    case 'registration': return `#/registrations/${encodeURIComponent(route.number)}`;
    case 'refusals': return withQuery('refusals', { q: route.q });
    case 'transfers': return withQuery('transfers', { status: route.status });
    case 'audit': return withQuery('audit', { registrationNumber: route.registrationNumber, actor: route.actor, from: route.from, to: route.to });
    case 'manifests': return '#/manifests';
  }
}

/** Goes to a route (pushes history, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following the hash. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
