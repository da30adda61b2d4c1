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
  /** Re-reads the per-kind device counts from the store (on a timer, never per scrape). */
  refreshDeviceCounts(): Promise<void>;
}

/**
 * Creates the registry and its metrics; `devicesByKind` feeds a per-kind gauge from counts cached by
 * refreshDeviceCounts, so a scrape never runs a query (scrapes must not slow registrations).
 */
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
  const devices = new Gauge({
    name: 'registered_devices',
    help: 'Registered devices by kind (counted in the database on a timer, so every host process agrees)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  async function refreshDeviceCounts(): Promise<void> {
    if (!devicesByKind) return;
    const counts = await devicesByKind();
    devices.reset();
    for (const { kind, count } of counts) devices.set({ kind }, count);
  }
  return { registry, registrations, requestDuration, clonedInstallations, refreshDeviceCounts };
}
