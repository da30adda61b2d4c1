import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron executable npm installed, or null when its binary was never downloaded. */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
