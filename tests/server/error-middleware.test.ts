import { Writable } from 'node:stream';
import type express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../server/http/error-middleware';
import { ApiError } from '../../server/http/api-error';

/** Runs the error middleware against a fake response; no HTTP request ever sees a 5xx in the suite. */
function run(error: unknown) {
  const lines: string[] = [];
  const logger = pino({}, new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) }));
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  errorMiddleware(logger)(error, {} as express.Request, res as unknown as express.Response, () => undefined);
  return { sent, lines };
}

describe('error middleware', () => {
  it('turns an error thrown deep inside into 500 INTERNAL_ERROR without a stack or its message', () => {
    const secret = new Error('duplicate key (email)=(taro@example.jp)');
    const { sent, lines } = run(secret);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'internal error' } });
    expect(JSON.stringify(sent.body)).not.toContain('at ');
    expect(lines.join('')).not.toContain('taro@example.jp');
    expect(lines.join('')).toContain('"name":"Error"');
  });

  it('handles non-Error throws', () => {
    expect(run('a string').sent.status).toBe(500);
    expect(run(null).sent.status).toBe(500);
  });

  it('sends contract errors with their status, Retry-After and Allow', () => {
    const locked = run(new ApiError('TOO_MANY_ATTEMPTS', 'wait', { retryAfterSeconds: 7 }));
    expect(locked.sent.status).toBe(429);
    expect(locked.sent.headers['retry-after']).toBe('7');
    const conflict = run(new ApiError('DEVICE_ALREADY_REGISTERED', 'taken', { matchedOn: 'serial' }));
    expect(conflict.sent.body).toEqual({ error: { code: 'DEVICE_ALREADY_REGISTERED', message: 'taken', matchedOn: 'serial' } });
  });

  it('maps body-parser errors', () => {
    expect(run(Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 })).sent.status).toBe(413);
    expect(run(Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400 })).sent.status).toBe(400);
    expect(run(Object.assign(new Error('x'), { type: 'charset.unsupported', status: 415 })).sent.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });
});
