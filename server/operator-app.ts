import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { errorMiddleware, methodNotAllowed, notFound } from './http/error-middleware';
import { authenticateOperator, type OperatorAuthDeps } from './http/operator-auth';
import { requestLogger } from './http/request-logger';
import { consoleRoutes } from './routes/console-routes';
import { operatorApiRoutes } from './routes/operator-api-routes';
import { operatorAuthRoutes } from './routes/operator-auth-routes';
import { operatorMeRoutes } from './routes/operator-me-routes';
import { operatorHashKey } from './security/operator-secrets';
import type { ServiceDeps } from './services/service-deps';

/** Everything the operator listener's app needs. */
export interface OperatorAppDeps extends ServiceDeps {
  logger: Logger;
  /** Where the built console lives (default dist/console). */
  consoleDir?: string;
}

/** The operator API's own prefix (OPERATOR-API.md). */
export const OPERATOR_API_PREFIX = '/operator/api/v1';

/** Builds the operator listener's app: the console, sign-in, the operator API and /metrics. */
export function createOperatorApp(deps: OperatorAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('etag', false);
  app.use(requestLogger(deps.logger, deps.metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  const auth: OperatorAuthDeps = { db: deps.db, hashKey: operatorHashKey(deps.keys), idleMinutes: deps.config.operator.sessionIdleMinutes, now: deps.now };
  const authenticate = authenticateOperator(auth);

  const metrics = Router();
  metrics
    .route('/metrics')
    .get(authenticate, async (_req, res) => {
      res.setHeader('Content-Type', deps.metrics.registry.contentType);
      res.status(200).send(await deps.metrics.registry.metrics());
    })
    .all(methodNotAllowed(['GET']));
  app.use(metrics);
  app.use(operatorAuthRoutes(deps));

  const api = Router();
  api.use(authenticate);
  api.use(operatorMeRoutes());
  api.use(operatorApiRoutes(deps));
  app.use(OPERATOR_API_PREFIX, api);

  app.use(consoleRoutes(deps.consoleDir));
  app.use(notFound);
  app.use(errorMiddleware(deps.logger));
  return app;
}
