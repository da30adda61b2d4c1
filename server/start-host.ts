import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { createApp } from './app';
import { createOperatorApp } from './operator-app';
import { loadConfig, threadpoolSize, type ConfigOverrides, type HostConfig } from './config';
import { migrateToLatest, openDatabase } from './db/open-database';
import { ensurePrivateDir } from './db/private-files';
import { createLogger } from './logger';
import { createMailOutbox } from './mail/mail-outbox';
import { createMailTransport } from './mail/mail-transport';
import { createMetrics } from './metrics';
import { countDevicesByKind } from './repositories/devices-repository';
import { createAccessTokens } from './security/access-tokens';
import { loadHostKeys } from './security/host-keys';
import { lowerHashThreadPriority } from './security/hash-thread-priority';
import { createPasswordHasher } from './security/password-hasher';
import { createBackgroundTasks } from './services/background-tasks';

/**
 * Requests Node's HTTP parser refuses before Express sees them (malformed, headers over 16 KiB)
 * still get API.md's error shape, as a 400.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'the request could not be read' } });
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Options of startHost; anything not given comes from `env` (default process.env). */
export interface StartHostOptions extends ConfigOverrides {
  env?: Record<string, string | undefined>;
  logStream?: NodeJS.WritableStream;
  /** The host's clock (tests move it to expire codes and transfers); default Date.now. */
  now?: () => number;
  /** Where the built operator console lives (default dist/console). */
  consoleDir?: string;
  /** Sees the operator listener's app once built (tests check every route it mounts is documented). */
  onOperatorApp?: (app: Express) => void;
  /** Sees the SQL of every query (tests prove what a request does not query). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  /** A process of its own (`npm run host`): lower the priority of libuv's threadpool, where hashing runs, by PASSWORD_HASH_NICE. Never in a process shared with other work (tests). */
  ownProcess?: boolean;
}

/** Listens on host:port (0 = any free port) and answers with the URL it got. */
async function listen(server: http.Server, port: number, host: string): Promise<string> {
  server.keepAliveTimeout = 5000;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${hostPart}:${address.port}`;
}

/** Stops accepting and lets in-flight requests finish, cutting them after the grace period. */
async function stopServer(server: http.Server, graceSeconds: number): Promise<void> {
  if (!server.listening) return;
  const grace = setTimeout(() => server.closeAllConnections(), graceSeconds * 1000);
  grace.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  clearTimeout(grace);
}

/** A running host. */
export interface RunningHost {
  /** The customer listener (API.md). */
  url: string;
  /** The operator listener (OPERATOR-API.md). */
  operatorUrl: string;
  config: HostConfig;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

/** Starts the registration host (migrating its store first); used by main.ts, tests, `npm start` and e2e. */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const config = loadConfig(options.env ?? process.env, options);
  const logger = createLogger(config.logLevel, options.logStream);
  ensurePrivateDir(config.dataDir);
  const open = openDatabase(config.database, { pgPoolSize: config.pgPoolSize, onQuery: options.onQuery });
  try {
    await migrateToLatest(open);
    if (options.ownProcess === true && config.passwordHash.nice > 0) {
      const threads = await lowerHashThreadPriority(config.passwordHash.nice, threadpoolSize());
      if (threads.length > 0) logger.info({ threads: threads.length, nice: config.passwordHash.nice }, 'hashing threads run at a lower priority than requests');
      else if (process.platform === 'linux') logger.warn({ nice: config.passwordHash.nice }, 'could not find the hashing threads to lower their priority; requests may wait behind hashes under load');
    }
    const keys = await loadHostKeys(config);
    const now = options.now ?? (() => Date.now());
    const mail = createMailOutbox({ db: open.db, dialect: open.dialect, config: config.mail, transport: createMailTransport(config.mail, logger), logger, now });
    const background = createBackgroundTasks(logger);
    let listeningUrl = '';
    const deps = {
      db: open.db,
      config,
      keys,
      hasher: createPasswordHasher(config.passwordHash),
      tokens: createAccessTokens(keys.tokenSigningKey, config.accessTokenTtlSeconds),
      metrics: createMetrics(() => countDevicesByKind(open.db)),
      now,
      randomBytes: (size: number) => crypto.randomBytes(size),
      dialect: open.dialect,
      copyOut: open.copyOut,
      mail,
      background,
      publicUrl: () => config.publicUrl ?? listeningUrl,
      logger,
    };
    await deps.metrics.refreshDeviceCounts();
    const server = http.createServer(createApp(deps));
    const operatorApp = createOperatorApp({ ...deps, consoleDir: options.consoleDir });
    options.onOperatorApp?.(operatorApp);
    const operatorServer = http.createServer(operatorApp);
    const url = await listen(server, config.port, config.host);
    let operatorUrl: string;
    try {
      operatorUrl = await listen(operatorServer, config.operator.port, config.operator.host);
    } catch (error) {
      await stopServer(server, 0);
      throw error;
    }
    listeningUrl = url;
    mail.start();
    logger.info({ url, database: config.database.dialect }, `registration host listening on ${url}`);
    logger.info({ url: operatorUrl }, `operator listener listening on ${operatorUrl}`);
    const refresh = setInterval(() => {
      deps.metrics.refreshDeviceCounts().catch(() => logger.warn('could not refresh the device counts of /metrics'));
    }, config.metricsRefreshSeconds * 1000);
    refresh.unref();
    let closing: Promise<void> | undefined;
    return {
      url,
      operatorUrl,
      config,
      close() {
        closing ??= (async () => {
          clearInterval(refresh);
          await Promise.all([stopServer(server, config.shutdownGraceSeconds), stopServer(operatorServer, config.shutdownGraceSeconds)]);
          await background.drain();
          await mail.stop();
          await open.db.destroy();
          logger.info('registration host stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    await open.db.destroy();
    throw error;
  }
}
