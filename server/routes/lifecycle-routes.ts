import { Router } from 'express';
import { methodNotAllowed } from '../http/error-middleware';
import { jsonBody } from '../http/json-body';
import { devicesStatus } from '../services/device-status-service';
import { exportRegistration, releaseOwnDevice } from '../services/owner-data-service';
import { confirmRecovery, requestRecovery } from '../services/recovery-service';
import type { ServiceDeps } from '../services/service-deps';
import { requestTransfer, requireTransfers, transferStatus } from '../services/transfer-service';
import { authorisedNumber, authoriseStep } from './authorise-step';

/** API.md's December 2026 customer endpoints: recovery, device status, the owner's own data, transfers. */
export function lifecycleRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const json = jsonBody();
  const authorise = authoriseStep(deps);

  router
    .route('/api/v1/recovery')
    .post(...json, async (req, res) => {
      res.status(202).json(await requestRecovery(deps, req.body));
    })
    .all(methodNotAllowed(['POST']));
  router
    .route('/api/v1/recovery/confirm')
    .post(...json, async (req, res) => {
      res.status(200).json(await confirmRecovery(deps, req.body));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/api/v1/devices/status')
    .post(...json, async (req, res) => {
      res.status(200).json(await devicesStatus(deps, req.body));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/api/v1/registrations/:registrationNumber/export')
    .get(authorise, async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json(await exportRegistration(deps, authorisedNumber(res)));
    })
    .all(methodNotAllowed(['GET']));
  router
    .route('/api/v1/registrations/:registrationNumber/devices/:deviceId')
    .delete(authorise, async (req, res) => {
      res.status(200).json(await releaseOwnDevice(deps, authorisedNumber(res), String(req.params.deviceId ?? '')));
    })
    .all(methodNotAllowed(['DELETE']));

  // TRANSFERS=off: every transfer path is a plain 404, whatever the method.
  router.use('/api/v1/transfers', (_req, _res, next) => {
    requireTransfers(deps);
    next();
  });
  router
    .route('/api/v1/transfers')
    .post(...json, async (req, res) => {
      res.status(202).json(await requestTransfer(deps, req.body));
    })
    .all(methodNotAllowed(['POST']));
  router
    .route('/api/v1/transfers/:transferId')
    .get(async (req, res) => {
      res.status(200).json(await transferStatus(deps, String(req.params.transferId ?? '')));
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
