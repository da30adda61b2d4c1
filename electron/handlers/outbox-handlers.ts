import { randomUUID } from 'node:crypto';
import {
  newRegistrationRequestSchema,
  type customerSchema,
  type DeviceIdentity,
  type FormSettings,
  type IpcHandlerMap,
  type IpcResult,
  type NewRegistrationRequest,
  type OutboxEntry,
} from '../../protocol';
import { buildDefaultForm } from '../outbox/build-form';
import type { FormCache } from '../outbox/form-cache';
import { consoleOutboxLog, describeError, type OutboxLog } from '../outbox/outbox-log';
import { defineHandler, fail, issuesToFields, ok, passwordPolicyIssues } from './define-handler';

/** What the handlers need of the outbox (the `Outbox` class, or a stand-in in tests). */
export interface OutboxPort {
  add(body: NewRegistrationRequest, publicKey: string, deviceId?: string): Promise<OutboxEntry>;
  list(): Promise<OutboxEntry[]>;
  retryNow(): Promise<OutboxEntry[]>;
  dismiss(id: string): Promise<'dismissed' | 'pending' | 'unknown'>;
}

export interface OutboxHandlerDeps {
  /** Re-reads a scanned device by id (the wizard's DeviceRegistry): the renderer never supplies identifiers. */
  devices: { identity(id: string): Promise<IpcResult<DeviceIdentity>> };
  outbox: OutboxPort;
  forms: FormCache;
  /** Asks the host for its form when no key is known yet (usually fails: we are offline). */
  fetchForm?: () => Promise<IpcResult<FormSettings>>;
  /** The requestId the wizard already used for this very submission, so a lost answer is not registered twice. */
  requestIdFor?: (body: Omit<NewRegistrationRequest, 'requestId'>) => string;
  /** Told when an entry is queued (the launch state becomes "pending"). */
  onQueued?: (entry: OutboxEntry) => void | Promise<void>;
  log?: OutboxLog;
}

type OutboxHandlers = Pick<IpcHandlerMap, 'getOfflineForm' | 'finishLater' | 'getOutbox' | 'retryOutbox' | 'dismissOutboxEntry'>;

/** The checks the host will make, done before sealing: the app cannot open a sealed entry to fix it later. */
function checkBody(body: NewRegistrationRequest, form: FormSettings | undefined): IpcResult<null> {
  if (form !== undefined && form.privacyPolicy.version !== body.consent.privacyPolicyVersion) {
    return fail('CONSENT_REQUIRED', 'the privacy notice has changed; please read and accept it again');
  }
  const fields = form ? ({ ...form.fields } as Parameters<typeof customerSchema>[0]) : undefined;
  const parsed = newRegistrationRequestSchema(fields).safeParse(body);
  const issues = parsed.success ? [] : issuesToFields(parsed.error.issues);
  if (form !== undefined && !issues.some((issue) => issue.path === 'password')) issues.push(...passwordPolicyIssues(form, body.password));
  return issues.length === 0 ? ok(null) : fail('VALIDATION_FAILED', 'some details need correcting', { fields: issues });
}

/**
 * "Finish later" and the outbox view: seals the complete submission for the host and keeps it
 * until the background sender delivers it.
 */
export function createOutboxHandlers(deps: OutboxHandlerDeps): OutboxHandlers {
  const log = deps.log ?? consoleOutboxLog;

  async function sealingKey() {
    const known = await deps.forms.key();
    if (known !== null || deps.fetchForm === undefined) return known;
    const fetched = await deps.fetchForm();
    if (fetched.ok) await deps.forms.remember(fetched.value);
    return deps.forms.key();
  }

  return {
    getOfflineForm: defineHandler('getOfflineForm', async () => {
      const cached = await deps.forms.form();
      if (cached !== null) return ok({ form: cached, source: 'cache' as const });
      const key = await deps.forms.key();
      if (key === null) return fail('OUTBOX_FAILED', 'no outbox key is known: this registration cannot be kept for later');
      return ok({ form: buildDefaultForm(key.publicKey), source: 'build' as const });
    }),

    finishLater: defineHandler('finishLater', async (arg) => {
      const identity = await deps.devices.identity(arg.deviceId);
      if (!identity.ok) return identity;
      const key = await sealingKey();
      if (key === null) {
        return fail('OUTBOX_FAILED', 'this registration cannot be kept for later: connect to the network once and try again');
      }
      const unsent = {
        device: identity.value,
        customer: arg.customer,
        password: arg.password,
        consent: { privacyPolicyVersion: arg.privacyPolicyVersion },
      };
      // Like the online register: the locale is inside the sealed body (the sealed route has no other place for it),
      // but not part of the submission's identity, so the same details keep the requestId an online try used.
      const locale = arg.locale !== undefined ? { locale: arg.locale } : {};
      const body: NewRegistrationRequest = { requestId: deps.requestIdFor?.(unsent) ?? randomUUID(), ...unsent, ...locale };
      const checked = checkBody(body, key.form);
      if (!checked.ok) return checked;
      let entry: OutboxEntry;
      try {
        entry = await deps.outbox.add(body, key.publicKey, arg.deviceId);
      } catch (error) {
        log(`could not store a registration for later (${describeError(error)})`);
        return fail('OUTBOX_FAILED', 'the registration could not be saved on this PC');
      }
      try {
        await deps.onQueued?.(entry);
      } catch (error) {
        log(`entry ${entry.id} stored, but the follow-up failed (${describeError(error)})`);
      }
      return ok(entry);
    }),

    getOutbox: defineHandler('getOutbox', async () => ok(await deps.outbox.list())),

    retryOutbox: defineHandler('retryOutbox', async () => ok(await deps.outbox.retryNow())),

    dismissOutboxEntry: defineHandler('dismissOutboxEntry', async (id) => {
      const result = await deps.outbox.dismiss(id);
      if (result === 'unknown') return fail('NOT_FOUND', 'no settled outbox entry has this id');
      if (result === 'pending') {
        return fail('OUTBOX_ENTRY_PENDING', 'this registration has not been sent yet; it can be dismissed once the host has answered');
      }
      return ok(await deps.outbox.list());
    }),
  };
}
