import { useCallback, useEffect, useState } from 'react';

type Page<T> = { items: T[]; nextCursor: string | null };
type State<T> = { items: T[]; nextCursor: string | null; loading: boolean; error: unknown; loaded: boolean };

/** A cursor-paged list: the first page whenever the filters change, then "show more" appends the next. */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, deps: readonly unknown[], enabled = true) {
  const [state, setState] = useState<State<T>>({ items: [], nextCursor: null, loading: enabled, error: undefined, loaded: false });
  const [round, setRound] = useState(0);
  const fetcher = useCallback(fetchPage, deps);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState({ items: [], nextCursor: null, loading: true, error: undefined, loaded: false });
    fetcher().then(
      (page) => current && setState({ items: page.items, nextCursor: page.nextCursor, loading: false, error: undefined, loaded: true }),
      (error: unknown) => current && setState({ items: [], nextCursor: null, loading: false, error, loaded: true }),
    );
    return () => {
      current = false;
    };
  }, [fetcher, enabled, round]);
  const loadMore = useCallback(() => {
    if (state.nextCursor === null) return;
    setState((previous) => ({ ...previous, loading: true }));
    fetcher(state.nextCursor).then(
      (page) => setState((previous) => ({ items: [...previous.items, ...page.items], nextCursor: page.nextCursor, loading: false, error: undefined, loaded: true })),
      (error: unknown) => setState((previous) => ({ ...previous, loading: false, error })),
    );
  }, [fetcher, state.nextCursor]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, loadMore, reload };
}
