import type { Express } from 'express';

/** One method on one path an Express app answers, as OpenAPI spells paths (`:id` → `{id}`). */
export interface MountedRoute {
  method: string;
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
  handle?: { stack?: unknown };
}

const isLayers = (value: unknown): value is LayerLike[] => Array.isArray(value);

function walk(stack: LayerLike[], prefix: string, out: MountedRoute[]): void {
  for (const layer of stack) {
    if (layer.route !== undefined) {
      const path = `${prefix}${String(layer.route.path)}`.replace(/:(\w+)/g, '{$1}');
      for (const [method, on] of Object.entries(layer.route.methods)) if (on === true && method !== '_all') out.push({ method, path });
    } else if (isLayers(layer.handle?.stack)) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, `${prefix}${mount}`, out);
    }
  }
}

/** Every route (method and path) mounted on the app or on any router inside it; plain middleware is not a route. */
export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  const router = (app as unknown as { router: { stack: unknown } }).router;
  if (isLayers(router.stack)) walk(router.stack, '', out);
  return out;
}
