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

/**
 * Reads any body as JSON (a body that is not JSON is 400, whatever its Content-Type), at most 64 KiB.
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
      if (buffer.length > 0) nonEmpty.add(req);
    },
  });
  const dropEmpty: RequestHandler = (req, _res, next) => {
    if (!nonEmpty.has(req)) req.body = undefined;
    else if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) throw new ApiError('BAD_REQUEST', `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
    next();
  };
  return [parse, dropEmpty];
}
