import { Router } from 'express';
import { z } from 'zod';
import { methodNotAllowed } from '../http/error-middleware';
import { jsonBody } from '../http/json-body';
import { principalOf, requireRole } from '../http/operator-auth';
import { importManifest } from '../manifest/import-manifest';
import { actorName } from '../services/operator-roles';
import { fieldErrors, validationFailed } from '../http/validation';
import { auditCsv, listAudit } from '../services/operator-audit-service';
import { exportRegistrationsCsv } from '../services/operator-export-service';
import { refusalsPage } from '../services/operator-refusals-service';
import { correctRegistration, registrationDetail, releaseForOperator, searchForOperator } from '../services/operator-registrations-service';
import { operatorStats } from '../services/operator-stats-service';
import type { ServiceDeps } from '../services/service-deps';

const exportQuerySchema = z.object({ kind: z.string().min(1).max(32).optional() });

/** The operator API's data endpoints (mounted under /operator/api/v1 after authentication). */
export function operatorApiRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const json = jsonBody();
  const support = requireRole('support');

  router
    .route('/stats')
    .get(async (_req, res) => {
      res.status(200).json(await operatorStats(deps));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/registrations')
    .get(async (req, res) => {
      res.status(200).json(await searchForOperator(deps, principalOf(res), req.query));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/registrations/:registrationNumber')
    .get(async (req, res) => {
      res.status(200).json(await registrationDetail(deps, principalOf(res), String(req.params.registrationNumber)));
    })
    .patch(support, ...json, async (req, res) => {
      res.status(200).json(await correctRegistration(deps, principalOf(res), String(req.params.registrationNumber), req.body));
    })
    .all(methodNotAllowed(['GET', 'PATCH']));

  router
    .route('/devices/:deviceId/release')
    .post(support, ...json, async (req, res) => {
      res.status(200).json(await releaseForOperator(deps, principalOf(res), String(req.params.deviceId), req.body));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/refusals')
    .get(support, async (req, res) => {
      res.status(200).json(await refusalsPage(deps, req.query));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/audit')
    .get(support, async (req, res) => {
      const page = await listAudit(deps, req.query);
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        if (page.nextCursor !== null) res.setHeader('X-Next-Cursor', page.nextCursor);
        res.status(200).type('text/csv; charset=utf-8').send(auditCsv(page));
        return;
      }
      res.status(200).json(page);
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/exports/registrations.csv')
    .get(async (req, res) => {
      const parsed = exportQuerySchema.safeParse(req.query);
      if (!parsed.success) throw validationFailed(fieldErrors(parsed.error.issues));
      res.status(200).type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="registrations.csv"');
      await exportRegistrationsCsv(deps, principalOf(res), parsed.data.kind, res);
    })
    .all(methodNotAllowed(['GET']));

  // POST /manifests (admin): the body is streamed into the import, never read whole.
  router
    .route('/manifests')
    .post(requireRole('admin'), async (req, res) => {
      if (!req.is('text/csv')) throw validationFailed([{ path: '(body)', message: 'Content-Type must be text/csv' }]);
      const store = { db: deps.db, dialect: deps.config.database.dialect };
      res.status(200).json(await importManifest(store, req, { actor: actorName(principalOf(res)), now: deps.now }));
    })
    .all(methodNotAllowed(['POST']));

  return router;
}
