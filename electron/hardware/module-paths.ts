import { createRequire } from 'node:module';
import path from 'node:path';

/** Resolves a dependency's entry file so a child process can load the very same copy this app uses. */
export function resolveDependency(name: string): string {
  const bases: string[] = [];
  try {
    bases.push(import.meta.url);
  } catch {
    // bundled as CommonJS: import.meta is unavailable, fall through to the working directory
  }
  bases.push(path.join(process.cwd(), 'package.json'));
  for (const base of bases) {
    try {
      return createRequire(base).resolve(name);
    } catch {
      // try the next base
    }
  }
  throw new Error(`cannot resolve ${name}`);
}
