import { Router } from 'express';
import { loadEkCaCertificates } from '../attestation/ek-trust';
import { methodNotAllowed } from '../http/error-middleware';
import { jsonBody } from '../http/json-body';
import { createAttestationChallenge } from '../services/attestation-service';
import type { ServiceDeps } from '../services/service-deps';

/** `POST /api/v1/attestations` (docs/attestation.md); the TPM makers' CAs are read once, at start. */
export function attestationRoutes(deps: ServiceDeps): Router {
  const { policy, ekCaDir } = deps.config.attestation;
  const trustedCas = policy !== 'off' && ekCaDir !== null ? loadEkCaCertificates(ekCaDir) : [];
  const router = Router();
  router
    .route('/api/v1/attestations')
    .post(...jsonBody(), async (req, res) => {
      res.status(201).json(await createAttestationChallenge(deps, trustedCas, req.body));
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
