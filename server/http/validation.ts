import type { z } from 'zod';
import type { FieldError } from '../../protocol';
import { ApiError } from './api-error';

/** Turns zod issues into API.md's `fields`, with dotted paths such as `customer.email`. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldError[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Throws 400 unless the parsed JSON body is a plain object (API.md: JSON that is not an object). */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError('BAD_REQUEST', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** Parses a body with a schema, or throws 422 VALIDATION_FAILED naming every field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw validationFailed(fieldErrors(result.error.issues));
  return result.data;
}

/** The 422 of a body that fails the schema. */
export function validationFailed(fields: FieldError[]): ApiError {
  return new ApiError('VALIDATION_FAILED', 'some fields are not valid', { fields });
}
