import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { HostMetrics } from '../metrics';

/** The route template a request matched (never the raw URL, which can carry a registration number). */
export function routeTemplate(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  return route && typeof route.path === 'string' ? `${req.baseUrl}${route.path}` : '(unmatched)';
}

/** One log line and one latency sample per request: method, route template, status, duration, request id. */
export function requestLogger(logger: Logger, metrics: HostMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(req);
      const status = res.headersSent ? res.statusCode : 499;
      metrics.requestDuration.observe({ method: req.method, route, status: String(status) }, seconds);
      logger.info({ method: req.method, route, status, durationMs: Math.round(seconds * 1e6) / 1e3, requestId }, 'request');
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  };
}
