import { AsyncLocalStorage } from 'node:async_hooks';

const clients = new AsyncLocalStorage<string>();

/** Runs the rest of a request as `client` (its IP), so the hash queue can take turns between clients without every service passing it down. */
export function runAsHashClient<T>(client: string, run: () => T): T {
  return clients.run(client, run);
}

/** The client whose request is running, or '' outside a request (start-up, background work). */
export function currentHashClient(): string {
  return clients.getStore() ?? '';
}
