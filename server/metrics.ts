import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Registration outcomes counted in `registrations_total`. */
export type RegistrationOutcome =
  | 'created'
  | 'replayed'
  | 'duplicate'
  | 'invalid'
  | 'not_identifiable'
  | 'consent_required'
  | 'request_id_conflict'
  | 'sealed_unreadable'
  | 'not_recognised'
  | 'mismatch';

/** The host's Prometheus metrics, in a registry of its own so several hosts can share a process (tests). */
export interface HostMetrics {
  registry: Registry;
  registrations: Counter<'outcome' | 'endpoint'>;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  /** PCs registered with an installationId another PC with other hardware already has (OPERATOR-API.md findings). */
  clonedInstallations: Counter;
}

/** Creates the registry and its metrics; `devicesByKind` feeds a per-kind gauge read from the store at scrape time. */
export function createMetrics(devicesByKind?: () => Promise<Array<{ kind: string; count: number }>>): HostMetrics {
  const registry = new Registry();
  const registrations = new Counter({
    name: 'registrations_total',
    help: 'Registration and add-device requests by outcome',
    labelNames: ['outcome', 'endpoint'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const clonedInstallations = new Counter({
    name: 'cloned_installations_total',
    help: 'PC registrations whose installationId a registered PC with other serial and UUID already has',
    registers: [registry],
  });
  if (devicesByKind) {
    new Gauge({
      name: 'registered_devices',
      help: 'Registered devices by kind (from the database, so every host process agrees)',
      labelNames: ['kind'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const { kind, count } of await devicesByKind()) this.set({ kind }, count);
      },
    });
  }
  return { registry, registrations, requestDuration, clonedInstallations };
}
