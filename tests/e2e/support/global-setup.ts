import { buildRenderer } from '../../../scripts/build-renderer';

/**
 * Builds the renderer once: the tests drive the same files the app ships. `npm test` sets
 * RENDERER_BUILT=1 when its build step has just built them from the same sources.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.RENDERER_BUILT === '1') return;
  await buildRenderer();
}
