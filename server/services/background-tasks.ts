import type { Logger } from 'pino';

/** Work done after the answer left (so its time never shows in the answer); the host waits for it on close. */
export interface BackgroundTasks {
  run(name: string, task: () => Promise<void>): void;
  /** Resolves when every task started so far has ended. */
  drain(): Promise<void>;
}

/** Tracks background promises; a failure is logged by class only (drivers can quote stored values). */
export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const pending = new Set<Promise<void>>();
  return {
    run(name, task) {
      const promise = task()
        .catch((error: unknown) => {
          logger.error({ task: name, err: { name: error instanceof Error ? error.name : typeof error } }, 'background task failed');
        })
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
