import { Router } from 'express';
import { transferDecisionRequestSchema } from '../../protocol/operator-api';
import { ApiError } from '../http/api-error';
import { methodNotAllowed } from '../http/error-middleware';
import { jsonBody } from '../http/json-body';
import { principalOf, requireRole } from '../http/operator-auth';
import { parseOrThrow, requireObjectBody } from '../http/validation';
import { actorName } from '../services/operator-roles';
import type { ServiceDeps } from '../services/service-deps';
import { decideByOperator, listTransfersForOperators } from '../services/transfer-service';


/** OPERATOR-API.md transfers (support): the queue waiting for an operator, and the operator's decision. */
export function operatorTransferRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const support = requireRole('support');
  router
    .route('/transfers')
    .get(support, async (req, res) => {
      res.status(200).json(await listTransfersForOperators(deps, req.query));
    })
    .all(methodNotAllowed(['GET']));
  router
    .route('/transfers/:transferId/decision')
    .post(support, ...jsonBody(), async (req, res) => {
      const body = parseOrThrow(transferDecisionRequestSchema, requireObjectBody(req.body));
      const decided = await decideByOperator(deps, String(req.params.transferId ?? ''), body.decision, { name: actorName(principalOf(res)), reason: body.reason });
      if (decided === null) throw new ApiError('ALREADY_DECIDED', 'this transfer was already decided or has lapsed');
      res.status(200).json(decided);
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
