import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/** Debian's nginx started by a test, with its own prefix and config in a temp folder. */
export interface TestNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * Load-balances the given loopback ports the way docs/operations.md recommends for a fleet: a host
 * that dies mid-request is retried on the next one (safe: registrations are idempotent by
 * requestId), and when none can answer the client gets 503 with Retry-After, never 502.
 */
export async function startNginx(upstreamPorts: number[]): Promise<TestNginx> {
  const prefix = await fs.mkdtemp(path.join(os.tmpdir(), 'nginx-test-'));
  const port = await freePort();
  const config = `
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  upstream hosts { ${upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=0;`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://hosts;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
      proxy_intercept_errors on;
      error_page 502 504 = @unavailable;
    }
    location @unavailable {
      default_type application/json;
      add_header Retry-After 1 always;
      return 503 '{"error":{"code":"SERVICE_UNAVAILABLE","message":"no registration host can answer; try again shortly"}}';
    }
  }
}`;
  await fs.writeFile(path.join(prefix, 'nginx.conf'), config);
  const child: ChildProcess = spawn('nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    const up = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await fs.rm(prefix, { recursive: true, force: true });
    },
  };
}
