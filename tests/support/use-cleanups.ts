import { afterEach } from 'vitest';

/** Undo steps a test pushes as it goes; they run newest first after each test. */
export type Cleanups = (() => Promise<void>)[];

/** Gives the file one cleanup list, emptied after every test, so nothing a test started outlives it. */
export function useCleanups(): Cleanups {
  const cleanups: Cleanups = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });
  return cleanups;
}
