import { buildRenderer } from '../../../scripts/build-renderer';

/** Builds the renderer once: the tests drive the same files the app ships. */
export default async function globalSetup(): Promise<void> {
  await buildRenderer();
}
