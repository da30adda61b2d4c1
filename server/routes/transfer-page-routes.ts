import crypto from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import express, { Router, type Request, type Response } from 'express';
import { mailLocaleSchema, transferDecisionValueSchema, type MailLocale } from '../../protocol';
import { methodNotAllowed } from '../http/error-middleware';
import { keyedHash } from '../security/request-hash';
import type { ServiceDeps } from '../services/service-deps';
import { renderTransferPage, type TransferPageState } from '../services/transfer-page';
import { decideByOwner, openDecision, requireTransfers } from '../services/transfer-service';

const CSRF_COOKIE = 'transfer_csrf';

/** The hidden field's value: bound to the cookie the GET set and to this decision token. */
function csrfFor(deps: ServiceDeps, cookieValue: string, decisionToken: string): string {
  return keyedHash(deps.keys.requestHashKey, `transfer-csrf\u0000${cookieValue}\u0000${decisionToken}`);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** Never framed, never cached, never referred (the token is in the URL). */
function pageHeaders(res: Response): void {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function send(res: Response, status: number, state: TransferPageState, locale: MailLocale): void {
  pageHeaders(res);
  res.status(status).type('html').send(renderTransferPage(state, locale));
}

/** `?lang=` wins (the page's switch), else the owner's locale, else Japanese. */
function pageLocale(req: Request, ownerLocale: string | undefined): MailLocale {
  const asked = mailLocaleSchema.safeParse(req.query.lang);
  if (asked.success) return asked.data;
  const owner = mailLocaleSchema.safeParse(ownerLocale);
  return owner.success ? owner.data : 'ja';
}

/**
 * The owner's decision page on the customer listener (API.md "transfer"): GET shows the form and sets
 * the CSRF cookie; POST (urlencoded) takes `decision=approve|decline` with the hidden CSRF field.
 * A decided, expired or unknown token is 410 for both; a post without a valid CSRF token is 403.
 */
export function transferPageRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use('/transfer', (_req, _res, next) => {
    requireTransfers(deps);
    next();
  });
  router
    .route('/transfer/:decisionToken')
    .get(async (req, res) => {
      const token = String(req.params.decisionToken ?? '');
      const open = await openDecision(deps, token);
      if (!open) {
        send(res, 410, { kind: 'gone' }, pageLocale(req, undefined));
        return;
      }
      const cookieValue = crypto.randomBytes(32).toString('base64url');
      res.setHeader('Set-Cookie', serializeCookie(CSRF_COOKIE, cookieValue, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/transfer' }));
      send(res, 200, { kind: 'form', device: open.device, csrfToken: csrfFor(deps, cookieValue, token) }, pageLocale(req, open.registration.locale));
    })
    .post(express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }), async (req, res) => {
      const token = String(req.params.decisionToken ?? '');
      const open = await openDecision(deps, token);
      if (!open) {
        send(res, 410, { kind: 'gone' }, pageLocale(req, undefined));
        return;
      }
      const locale = pageLocale(req, open.registration.locale);
      const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const cookieValue = parseCookies(req.get('cookie') ?? '')[CSRF_COOKIE] ?? '';
      const presented = typeof form.csrf === 'string' ? form.csrf : '';
      if (cookieValue === '' || !sameText(presented, csrfFor(deps, cookieValue, token))) {
        send(res, 403, { kind: 'forbidden' }, locale);
        return;
      }
      const decision = transferDecisionValueSchema.safeParse(form.decision);
      if (!decision.success) {
        send(res, 400, { kind: 'bad-request' }, locale);
        return;
      }
      if (!(await decideByOwner(deps, token, decision.data))) {
        send(res, 410, { kind: 'gone' }, locale);
        return;
      }
      send(res, 200, { kind: decision.data === 'approve' ? 'approved' : 'declined' }, locale);
    })
    .all(methodNotAllowed(['GET', 'POST']));
  return router;
}
