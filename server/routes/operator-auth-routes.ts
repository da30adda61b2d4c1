import { Router } from 'express';
import { methodNotAllowed } from '../http/error-middleware';
import type { ServiceDeps } from '../services/service-deps';

/** The console's sign-in routes (no authentication needed to reach them). */
export function operatorAuthRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router
    .route('/auth/status')
    .get((_req, res) => {
      res.status(200).json({ oidcConfigured: deps.config.operator.oidc !== null });
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
