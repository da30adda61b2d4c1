import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { ApiError } from './api-error';

/** Deeper than any body of API.md needs; deeper JSON is refused before anything recurses into it. */
export const MAX_JSON_DEPTH = 32;

/** True when arrays/objects nest deeper than `limit` (checked without recursion, so any depth is safe). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() ?? [null, 0];
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** API.md's body limit. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** True when the request carries body bytes (the test of type-is's hasBody). */
function carriesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body must say it is JSON (API.md, December 2026): a cross-site form or `text/plain` post is 415,
 * so a browser cannot register on a visitor's behalf without a CORS preflight.
 */
const requireJsonType: RequestHandler = (req, _res, next) => {
  if (carriesBody(req) && req.is('application/json') !== 'application/json') {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'the body must be sent as Content-Type: application/json');
  }
  next();
};

/**
 * Reads an application/json body (anything else is 415, bytes that are not UTF-8 or not JSON 400), at most 64 KiB.
 * body-parser turns an empty body into `{}`; an empty body is not a JSON object, so it becomes undefined.
 * Absurdly deep JSON is 400 too, so no later step (hashing, validation) can overflow the stack.
 */
export function jsonBody(): RequestHandler[] {
  const nonEmpty = new WeakSet<IncomingMessage>();
  const parse = express.json({
    limit: BODY_LIMIT_BYTES,
    strict: false,
    type: () => true,
    verify: (req, _res, buffer) => {
      // Decoding would silently turn invalid bytes into U+FFFD and store them.
      if (!isUtf8(buffer)) throw new ApiError('BAD_REQUEST', 'the body is not valid UTF-8');
      if (buffer.length > 0) nonEmpty.add(req);
    },
  });
  const dropEmpty: RequestHandler = (req, _res, next) => {
    if (!nonEmpty.has(req)) req.body = undefined;
    else if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) throw new ApiError('BAD_REQUEST', `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
    next();
  };
  return [requireJsonType, parse, dropEmpty];
}
