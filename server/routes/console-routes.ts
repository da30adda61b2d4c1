import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Where `npm run build` puts the operator console (another part of the repository builds it). */
export const DEFAULT_CONSOLE_DIR = path.resolve(import.meta.dirname, '../../dist/console');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Operator console</title></head>
<body><h1>Operator console</h1><p>The console is not built. Run <code>npm run build</code> to build it, then reload this page.</p>
<p>The operator API answers under <code>/operator/api/v1</code>.</p></body></html>
`;

/** Paths the console never answers, so API clients get the API's JSON 404. */
const NOT_CONSOLE = /^\/(operator\/api|auth|metrics)(\/|$)/;

/**
 * `GET /` and every other GET outside the API serve the console: its static files, else its
 * index.html (client-side routes); a short page saying how to build it when it is not built.
 */
export function consoleRoutes(consoleDir: string = DEFAULT_CONSOLE_DIR): Router {
  const router = Router();
  const indexFile = path.join(consoleDir, 'index.html');
  const serveStatic = express.static(consoleDir, { index: 'index.html', redirect: false });
  router.use((req, res, next) => {
    if (NOT_CONSOLE.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    if (!fs.existsSync(indexFile)) {
      if (req.path === '/') res.status(200).type('html').send(NOT_BUILT_PAGE);
      else next();
      return;
    }
    serveStatic(req, res, (error?: unknown) => {
      if (error !== undefined) next(error);
      else res.sendFile(indexFile);
    });
  });
  return router;
}
