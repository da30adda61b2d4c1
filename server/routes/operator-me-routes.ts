import { Router } from 'express';
import { principalOf } from '../http/operator-auth';
import { methodNotAllowed } from '../http/error-middleware';

/** `GET /me`: who the caller is; a browser session also gets its CSRF token here. */
export function operatorMeRoutes(): Router {
  const router = Router();
  router
    .route('/me')
    .get((_req, res) => {
      const principal = principalOf(res);
      res.status(200).json({
        name: principal.name,
        role: principal.role,
        via: principal.via,
        ...(principal.csrfToken !== undefined ? { csrfToken: principal.csrfToken } : {}),
      });
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
