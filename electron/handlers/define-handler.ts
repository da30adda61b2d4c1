import type { z } from 'zod';
import {
  PASSWORD_MIN_LENGTH,
  ipcArgSchemas,
  passwordSchema,
  type DesktopError,
  type FormSettings,
  type IpcArgs,
  type IpcHandler,
  type IpcMethod,
  type IpcResult,
  type IpcValues,
} from '../../protocol';

/** Shorthand for a refusal, so handlers read as a list of reasons. */
export function fail<T>(code: DesktopError['code'], message: string, extra: Partial<DesktopError> = {}): IpcResult<T> {
  return { ok: false, error: { ...extra, code, message } };
}

/** Shorthand for success. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** Zod issues as API.md-style field errors; messages only, never the offending values. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(argument)', message: issue.message }));
}

/** The host form's password policy (never below the protocol's minimum) as field errors on `password`. */
export function passwordPolicyIssues(form: FormSettings, password: string): { path: string; message: string }[] {
  const parsed = passwordSchema.min(Math.max(PASSWORD_MIN_LENGTH, form.passwordPolicy.minLength)).safeParse(password);
  return parsed.success ? [] : issuesToFields(parsed.error.issues).map((issue) => ({ ...issue, path: 'password' }));
}

/**
 * Wraps a handler body so every argument is parsed by the channel's schema first and nothing
 * ever throws across the bridge: the renderer is untrusted, and a crash is not an answer.
 */
export function defineHandler<K extends IpcMethod>(
  method: K,
  body: (arg: IpcArgs[K]) => Promise<IpcResult<IpcValues[K]>>,
): IpcHandler<K> {
  const schema = ipcArgSchemas[method] as unknown as z.ZodType<IpcArgs[K]>;
  return async (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return fail('INVALID_ARGUMENT', `invalid argument for ${method}`, { fields: issuesToFields(parsed.error.issues) });
    }
    try {
      return await body(parsed.data);
    } catch {
      return fail('INTERNAL_ERROR', `${method} failed unexpectedly`);
    }
  };
}
