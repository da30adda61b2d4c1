import { Router, type Request, type RequestHandler, type Response } from 'express';
import { authorisedNumber, authoriseStep } from './authorise-step';
import { jsonBody } from '../http/json-body';
import { methodNotAllowed } from '../http/error-middleware';
import { addDevice } from '../services/add-device-service';
import { lookUp } from '../services/lookup-service';
import { eraseRegistration } from '../services/owner-data-service';
import type { CreateOutcome } from '../services/idempotent-create';
import { countOutcome, registerNew, registerSealed } from '../services/registration-service';
import type { ServiceDeps } from '../services/service-deps';
import { updateRegistrationRecord } from '../services/update-service';

/** Routes of API.md's registration endpoints; thin: read the request, call a service, send its answer. */
export function registrationRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const json = jsonBody();
  const authorise = authoriseStep(deps);
  // The endpoints that register a device: each outcome counted in registrations_total, a 201 with the body.
  const create =
    (endpoint: string, run: (req: Request, res: Response) => Promise<CreateOutcome>): RequestHandler =>
    async (req, res) => {
      const { created } = await countOutcome(deps, endpoint, () => run(req, res));
      res.status(201).json(created);
    };

  router
    .route('/api/v1/registrations')
    .post(...json, create('new', (req) => registerNew(deps, req.body)))
    .all(methodNotAllowed(['POST']));

  router
    .route('/api/v1/registrations/sealed')
    .post(...json, create('sealed', (req) => registerSealed(deps, req.body)))
    .all(methodNotAllowed(['POST']));

  router
    .route('/api/v1/registrations/lookup')
    .post(...json, async (req, res) => {
      res.status(200).json(await lookUp(deps, req.body));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/api/v1/registrations/:registrationNumber')
    .patch(authorise, ...json, async (req, res) => {
      res.status(200).json(await updateRegistrationRecord(deps, authorisedNumber(res), req.body));
    })
    .delete(authorise, async (_req, res) => {
      res.status(200).json(await eraseRegistration(deps, authorisedNumber(res)));
    })
    .all(methodNotAllowed(['PATCH', 'DELETE']));

  router
    .route('/api/v1/registrations/:registrationNumber/devices')
    .post(authorise, ...json, create('add-device', (req, res) => addDevice(deps, authorisedNumber(res), req.body)))
    .all(methodNotAllowed(['POST']));

  return router;
}
