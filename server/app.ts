import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { errorMiddleware, notFound } from './http/error-middleware';
import { perIpRateLimit } from './http/rate-limit';
import { requestLogger } from './http/request-logger';
import { buildOpenApiDocument } from './openapi/document';
import { attestationRoutes } from './routes/attestation-routes';
import { formRoutes } from './routes/form-routes';
import { lifecycleRoutes } from './routes/lifecycle-routes';
import { operationsRoutes } from './routes/operations-routes';
import { registrationRoutes } from './routes/registration-routes';
import { runAsHashClient } from './security/hash-clients';
import { transferPageRoutes } from './routes/transfer-page-routes';
import type { ServiceDeps } from './services/service-deps';

/** Everything createApp needs; built by start-host, or by a test with its own pieces. */
export interface AppDeps extends ServiceDeps {
  logger: Logger;
}

/** Builds the Express app without listening, so tests and embedders choose how to serve it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('etag', false);
  app.use(requestLogger(deps.logger, deps.metrics));
  // Hashes take turns per client address (after trust proxy has made req.ip the client's).
  app.use((req, _res, next) => runAsHashClient(req.ip ?? '', next));
  app.use(helmet());
  app.use(operationsRoutes(deps, buildOpenApiDocument(deps.config.fieldPolicies)));
  app.use(perIpRateLimit(deps.config.rateLimitPerMinute, deps.logger));
  app.use(formRoutes(deps));
  app.use(registrationRoutes(deps));
  app.use(attestationRoutes(deps));
  app.use(lifecycleRoutes(deps));
  app.use(transferPageRoutes(deps));
  app.use(notFound);
  app.use(errorMiddleware(deps.logger));
  return app;
}
