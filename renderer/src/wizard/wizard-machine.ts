import type { DesktopError, DeviceStatusEntry, FormSettings, LookupResult, OutboxEntry, RegistrationCreated, RememberedTransfer, ScanResult, ScannedDevice, UpdateResponse } from '../../../protocol';
import type { DetailsOutput, DetailsValues } from '../forms/details-schema';
import { deviceForEntry, outcomeScreen } from './outbox-outcome';
import { isHostTrouble, type DeviceOutcome, type Mode, type Screen, type WizardData } from './wizard-types';

/** The whole wizard at one moment: the page shown and what the session has learned. */
export interface WizardState {
  screen: Screen;
  data: WizardData;
}

/** Everything that moves the wizard: the customer's choices and the main process's answers. */
export type WizardEvent =
  | { type: 'goto'; screen: Screen }
  | { type: 'scan-started' }
  | { type: 'loaded'; form: FormSettings; scan: ScanResult | undefined; scanError?: DesktopError | undefined; offline?: 'cache' | 'build' | undefined }
  | { type: 'host-unreachable-at-start'; offlineUnavailable?: boolean }
  | { type: 'chosen'; deviceId: string; mode: Mode }
  | { type: 'details-kept'; values: DetailsValues }
  | { type: 'reviewed'; draft: DetailsOutput; values: DetailsValues }
  | { type: 'registered'; created: RegistrationCreated }
  | { type: 'register-refused'; error: DesktopError }
  | { type: 'saved-for-later'; entry: OutboxEntry }
  | { type: 'save-for-later-failed'; error: DesktopError }
  | { type: 'signed-in'; lookup: LookupResult }
  /** `email`: the address the update sent (the record's from now on; empty or absent clears it). */
  | { type: 'updated'; result: UpdateResponse; email?: string | undefined }
  | { type: 'update-refused'; error: DesktopError; draft?: DetailsOutput }
  | { type: 'consent-update-back' }
  /** The saved registration on the pending page changed state (sent now): the page and the step indicator follow it. */
  | { type: 'outbox-entry-changed'; entry: OutboxEntry }
  | { type: 'add-started' }
  | { type: 'add-chosen'; deviceId: string }
  | { type: 'added'; created: RegistrationCreated }
  | { type: 'add-refused'; error: DesktopError }
  | { type: 'another-device' }
  | { type: 'outbox-followed'; entry: OutboxEntry; devices: readonly ScannedDevice[] }
  | { type: 'outbox-settled' }
  // Device page (issues #9, #12): statuses before typing, several devices in one pass.
  | { type: 'statuses-known'; statuses: readonly DeviceStatusEntry[] }
  | { type: 'statuses-unknown' }
  | { type: 'chosen-many'; deviceIds: readonly string[] }
  | { type: 'registered-many'; created: RegistrationCreated; outcomes: readonly DeviceOutcome[] }
  /** A device the host already knows, opened from its card: the duplicate page's ways on (update, forgot, transfer, support). */
  | { type: 'registered-device-opened'; deviceId: string }
  // The customer's life with a registration (issue 9).
  | { type: 'forgot-started' }
  | { type: 'recovery-requested'; email: string }
  /** "Send a new code" on the code page: sent to the address already typed; the page stays and says so. */
  | { type: 'recovery-code-resent' }
  /** "Use another e-mail address": back to the e-mail page with the address typed before. */
  | { type: 'recovery-email-change' }
  | { type: 'recovered'; lookup: LookupResult }
  | { type: 'transfer-requested'; transfer: RememberedTransfer }
  | { type: 'my-registration-opened' }
  | { type: 'details-opened' }
  | { type: 'device-released'; registeredDeviceId: string }
  | { type: 'erase-started' }
  | { type: 'erased'; erasedAt: string }
  | { type: 'session-ended' };

/** The wizard as it opens. */
export const initialState: WizardState = { screen: { name: 'welcome' }, data: { mode: 'new', registered: [], declined: [] } };

/** A fresh registration in the same session: what was registered, refused, typed, the form and the scan stay. */
function nextRegistration(d: WizardData): WizardData {
  const { deviceId: _device, outboxEntryId: _entry, registrationNumber: _number, emailOnRecord: _email, ...kept } = d;
  return { ...kept, mode: 'new' };
}

function withRegistered(d: WizardData, deviceId: string | undefined, registrationNumber: string): WizardData {
  const registered = deviceId === undefined || d.registered.includes(deviceId) ? d.registered : [...d.registered, deviceId];
  return { ...d, registrationNumber, registered };
}

/** The registration's address from now on; none when it was left empty. */
function withEmailOnRecord(d: WizardData, email: string | null | undefined): WizardData {
  const { emailOnRecord: _old, ...rest } = d;
  const trimmed = email?.trim();
  return trimmed ? { ...rest, emailOnRecord: trimmed } : rest;
}

/**
 * Where the host's notice about this change goes, as a screen field. API.md's answers (201, 200 of PATCH)
 * do not say whether a mail was queued; what it guarantees is that, with mail configured (`recovery` in the
 * form), each notice goes to the e-mail on record. So: the form says so and there is an address.
 */
function mailedTo(d: WizardData, email: string | undefined): { mailedTo?: string } {
  return d.form?.recovery === true && email !== undefined && email !== '' ? { mailedTo: email } : {};
}

function withoutFollowed(d: WizardData): WizardData {
  const { outboxEntryId: _settled, ...rest } = d;
  return rest;
}

/** Where a register or add refused for the device or the host leads; null when the page itself should say why. */
function refusalScreen(error: DesktopError, retry: 'register' | 'add'): Screen | null {
  if (error.code === 'DEVICE_ALREADY_REGISTERED') return { name: 'duplicate', ...(error.matchedOn ? { matchedOn: error.matchedOn } : {}) };
  if (isHostTrouble(error)) return { name: 'unreachable', retry, busy: error.code === 'TOO_MANY_REQUESTS' };
  return null;
}

/** Marks the current device as refused (already registered) so the device list stops preselecting it. */
function declineCurrent(d: WizardData, screen: Screen): WizardData {
  if (screen.name !== 'duplicate' || d.deviceId === undefined || d.declined.includes(d.deviceId)) return d;
  return { ...d, declined: [...d.declined, d.deviceId] };
}

/** The lookup shown by the pages that act on a signed-in registration, if the wizard is on one. */
function signedInLookup(screen: Screen): LookupResult | undefined {
  return screen.name === 'edit' || screen.name === 'my-registration' || screen.name === 'erase' ? screen.lookup : undefined;
}

/** Lifecycle events (issue 9), kept apart from the registration flows above so each reads alone. */
function lifecycleTransition(state: WizardState, event: LifecycleEvent): WizardState {
  const { screen, data } = state;
  switch (event.type) {
    case 'forgot-started':
      // Only from the pages that offer it; "Back" returns there.
      if (screen.name !== 'password' && screen.name !== 'duplicate') return state;
      return { screen: { name: 'forgot-password', back: screen }, data: { ...data, mode: 'update' } };
    case 'recovery-requested': {
      if (screen.name !== 'forgot-password') return state;
      const { recoveryCodesResent: _earlier, ...rest } = data;
      return { screen: { name: 'recovery-code', email: event.email, back: screen.back }, data: rest };
    }
    case 'recovery-code-resent':
      // The same screen object: the page stays mounted, what was typed and the focus stay where they are.
      return screen.name === 'recovery-code' ? { screen, data: { ...data, recoveryCodesResent: (data.recoveryCodesResent ?? 0) + 1 } } : state;
    case 'recovery-email-change':
      return screen.name === 'recovery-code' ? { ...state, screen: { name: 'forgot-password', back: screen.back, email: screen.email } } : state;
    case 'recovered': {
      // The device is on that registration: never offered as new again, and no longer "refused".
      const d = withEmailOnRecord(withRegistered(data, data.deviceId, event.lookup.registrationNumber), event.lookup.customer.email);
      return { screen: { name: 'edit', lookup: event.lookup }, data: { ...d, mode: 'update', declined: d.declined.filter((id) => id !== data.deviceId) } };
    }
    case 'transfer-requested':
      return screen.name === 'duplicate' ? { screen: { name: 'transfer-requested', transfer: event.transfer }, data: declineCurrent(data, screen) } : state;
    case 'my-registration-opened': {
      const lookup = signedInLookup(screen);
      return lookup ? { ...state, screen: { name: 'my-registration', lookup } } : state;
    }
    case 'details-opened': {
      const lookup = signedInLookup(screen);
      return lookup ? { ...state, screen: { name: 'edit', lookup } } : state;
    }
    case 'device-released': {
      if (screen.name !== 'my-registration') return state;
      const released = screen.lookup.devices.find((d) => d.id === event.registeredDeviceId);
      if (released === undefined) return state;
      const lookup = { ...screen.lookup, devices: screen.lookup.devices.filter((d) => d.id !== event.registeredDeviceId) };
      // A released device of this PC may be registered again (by anyone): offer it again.
      const scanned = (data.scan?.devices ?? []).filter((d) => d.kind === released.kind && d.serial !== null && d.serial === released.serial).map((d) => d.id);
      return { screen: { name: 'my-registration', lookup, released }, data: { ...data, registered: data.registered.filter((id) => !scanned.includes(id)) } };
    }
    case 'erase-started':
      return screen.name === 'my-registration' ? { ...state, screen: { name: 'erase', lookup: screen.lookup } } : state;
    case 'erased': {
      // Every device of the registration was released: nothing of it stays in the session.
      const { registrationNumber: _gone, values: _typed, draft: _draft, emailOnRecord: _email, ...rest } = data;
      return { screen: { name: 'erased', erasedAt: event.erasedAt }, data: { ...rest, mode: 'new', registered: [] } };
    }
    case 'session-ended':
      return signedInLookup(screen) ? { ...state, screen: { name: 'password' } } : state;
  }
}

type LifecycleEvent = Extract<
  WizardEvent,
  { type: 'forgot-started' | 'recovery-requested' | 'recovery-code-resent' | 'recovery-email-change' | 'recovered' | 'transfer-requested' | 'my-registration-opened' | 'details-opened' | 'device-released' | 'erase-started' | 'erased' | 'session-ended' }
>;

/** The pure transition function of DESIGN.md's flows: no IPC, no React, testable in plain Node. */
export function transition(state: WizardState, event: WizardEvent): WizardState {
  const { screen, data } = state;
  switch (event.type) {
    case 'goto':
      return { ...state, screen: event.screen };
    case 'scan-started':
      return { ...state, screen: { name: 'scanning' } };
    case 'loaded': {
      const { scanError: _old, offline: _wasOffline, ...rest } = data;
      return {
        screen: { name: 'devices' },
        data: {
          ...rest,
          form: event.form,
          ...(event.scan ? { scan: event.scan } : {}),
          ...(event.scanError ? { scanError: event.scanError } : {}),
          ...(event.offline ? { offline: event.offline } : {}),
        },
      };
    }
    case 'host-unreachable-at-start':
      return { ...state, screen: { name: 'unreachable', retry: 'start', busy: false, ...(event.offlineUnavailable ? { offlineUnavailable: true } : {}) } };
    case 'chosen': {
      // A followed saved registration stays attached only while its own device is chosen.
      const { outboxEntryId, deviceIds: _pass, ...rest } = data;
      const keepsEntry = outboxEntryId !== undefined && data.deviceId === event.deviceId;
      return {
        screen: event.mode === 'update' ? { name: 'password' } : { name: 'details' },
        data: { ...rest, deviceId: event.deviceId, mode: event.mode, ...(keepsEntry ? { outboxEntryId } : {}) },
      };
    }
    case 'details-kept':
      return { screen: { name: 'devices' }, data: { ...data, values: event.values } };
    case 'reviewed':
      return { screen: { name: 'review' }, data: { ...data, draft: event.draft, values: event.values } };
    case 'registered': {
      const d = withEmailOnRecord(withoutFollowed(withRegistered(data, data.deviceId, event.created.registrationNumber)), data.draft?.customer.email);
      return { screen: { name: 'success', created: event.created, added: false, ...mailedTo(d, d.emailOnRecord) }, data: d };
    }
    case 'register-refused': {
      const { error } = event;
      const next = refusalScreen(error, 'register') ?? (error.fields && error.fields.length > 0 ? { name: 'details', serverErrors: error.fields } : { name: 'review', error });
      return { ...state, screen: next };
    }
    case 'saved-for-later':
      return { ...state, screen: { name: 'pending', entry: event.entry } };
    case 'save-for-later-failed':
      return { ...state, screen: { name: 'review', error: event.error } };
    case 'signed-in':
      // The device the customer signed in with is on that registration: never offer it as a new one.
      return { screen: { name: 'edit', lookup: event.lookup }, data: withEmailOnRecord(withRegistered(data, data.deviceId, event.lookup.registrationNumber), event.lookup.customer.email) };
    case 'updated': {
      const before = screen.name === 'edit' || screen.name === 'consent-update' ? screen.lookup.customer.email : data.emailOnRecord;
      const d = withEmailOnRecord(withoutFollowed(data), event.email);
      // The password-changed notice goes to the address after the update, or the one before when it was cleared.
      const notice = event.result.changedFields.includes('password') ? mailedTo(d, d.emailOnRecord ?? before?.trim()) : {};
      return { screen: { name: 'updated', result: event.result, ...notice }, data: d };
    }
    case 'update-refused': {
      if (screen.name !== 'edit' && screen.name !== 'consent-update') return state;
      const { error, draft } = event;
      if (error.code === 'NO_SESSION' || error.code === 'INVALID_TOKEN') return { ...state, screen: { name: 'password' } };
      // A changed privacy notice: the update waits, typed as it is, until the customer agrees to the new one.
      if (error.code === 'CONSENT_REQUIRED' && draft !== undefined) return { ...state, screen: { name: 'consent-update', lookup: screen.lookup, draft } };
      const serverErrors = error.fields ?? [{ path: '', message: error.message }];
      return { ...state, screen: { name: 'edit', lookup: screen.lookup, serverErrors, ...(draft !== undefined ? { draft } : {}) } };
    }
    case 'outbox-entry-changed':
      if (screen.name !== 'pending' || screen.entry.id !== event.entry.id) return state;
      return { ...state, screen: { name: 'pending', entry: event.entry } };
    case 'consent-update-back':
      if (screen.name !== 'consent-update') return state;
      return { ...state, screen: { name: 'edit', lookup: screen.lookup, draft: screen.draft } };
    case 'add-started':
      return { screen: { name: 'add-device', back: screen }, data: { ...data, mode: 'add' } };
    case 'add-chosen':
      return { ...state, data: { ...data, deviceId: event.deviceId } };
    case 'added':
      return { screen: { name: 'success', created: event.created, added: true, ...mailedTo(data, data.emailOnRecord) }, data: withRegistered(data, data.deviceId, event.created.registrationNumber) };
    case 'add-refused':
      return { ...state, screen: refusalScreen(event.error, 'add') ?? { name: 'add-device', error: event.error, ...(screen.name === 'add-device' && screen.back ? { back: screen.back } : {}) } };
    case 'another-device': {
      const declined = declineCurrent(data, screen);
      // Adding to a registration goes back to its own list; otherwise a fresh registration begins.
      if (data.mode === 'add') return { screen: { name: 'add-device' }, data: declined };
      return { screen: { name: 'devices' }, data: nextRegistration(declined) };
    }
    case 'outbox-followed': {
      const { entry, devices } = event;
      const device = deviceForEntry(entry, devices);
      const follows = device !== undefined && (entry.status === 'duplicate' || entry.status === 'rejected');
      return {
        screen: outcomeScreen(entry, device !== undefined),
        data: { ...nextRegistration(data), ...(device ? { deviceId: device.id } : {}), ...(follows ? { outboxEntryId: entry.id } : {}) },
      };
    }
    case 'outbox-settled':
      return { ...state, data: withoutFollowed(data) };
    case 'statuses-known': {
      const { statusesUnknown: _unknown, ...rest } = data;
      return { ...state, data: { ...rest, deviceStatuses: Object.fromEntries(event.statuses.map((entry) => [entry.deviceId, entry.status])) } };
    }
    case 'statuses-unknown': {
      const { deviceStatuses: _old, ...rest } = data;
      return { ...state, data: { ...rest, statusesUnknown: true } };
    }
    case 'chosen-many': {
      const [first, ...others] = event.deviceIds;
      if (first === undefined) return state;
      const next = transition(state, { type: 'chosen', deviceId: first, mode: 'new' });
      return { ...next, data: { ...next.data, deviceIds: [first, ...others.filter((id) => id !== first)] } };
    }
    case 'registered-device-opened':
      return { screen: { name: 'duplicate' }, data: { ...data, mode: 'new', deviceId: event.deviceId } };
    case 'registered-many': {
      const registeredIds = event.outcomes.filter((o) => o.result === 'registered').map((o) => o.deviceId);
      const refused = event.outcomes.filter((o) => o.result === 'already-registered' && !data.declined.includes(o.deviceId)).map((o) => o.deviceId);
      const withAll = registeredIds.reduce((d, id) => withRegistered(d, id, event.created.registrationNumber), { ...data, declined: [...data.declined, ...refused] });
      const d = withEmailOnRecord(withoutFollowed(withAll), data.draft?.customer.email);
      return { screen: { name: 'success', created: event.created, added: false, outcomes: [...event.outcomes], ...mailedTo(d, d.emailOnRecord) }, data: d };
    }
    case 'forgot-started':
    case 'recovery-requested':
    case 'recovery-code-resent':
    case 'recovery-email-change':
    case 'recovered':
    case 'transfer-requested':
    case 'my-registration-opened':
    case 'details-opened':
    case 'device-released':
    case 'erase-started':
    case 'erased':
    case 'session-ended':
      return lifecycleTransition(state, event);
  }
}

/** Kinds the maker registers: the host's form (the build's defaults offline), all kinds before the form is known. */
export function registersKind(data: WizardData, kind: ScannedDevice['kind']): boolean {
  return data.form === undefined || data.form.deviceKinds.includes(kind);
}

/** Devices the page offers: identifiable, of a kind the maker registers, not known to the host as unidentifiable. */
export function registrableDevices(data: WizardData): ScannedDevice[] {
  return (data.scan?.devices ?? []).filter((d) => d.identifiable && registersKind(data, d.kind) && data.deviceStatuses?.[d.id] !== 'not_identifiable');
}

/** True when the device is on a registration: this session's, or one the host reported (status, or a 409 this session). */
export function isRegistered(data: WizardData, deviceId: string): boolean {
  return data.registered.includes(deviceId) || data.declined.includes(deviceId) || data.deviceStatuses?.[deviceId] === 'registered';
}

/** What the device page offers first: update when the PC (or the only registrable device) is already registered. */
export function defaultAction(data: WizardData): Mode {
  if (data.mode === 'update') return 'update';
  const devices = registrableDevices(data);
  const first = devices.find((d) => d.kind === 'pc') ?? devices[0];
  return first !== undefined && data.deviceStatuses?.[first.id] === 'registered' && !data.registered.includes(first.id) ? 'update' : 'new';
}

/** The devices a fresh device page ticks for a new registration: those chosen before (minus refused), else the PC when it is new. */
export function preselectedDevices(data: WizardData): string[] {
  const newable = registrableDevices(data).filter((d) => !isRegistered(data, d.id));
  const before = (data.deviceIds ?? []).filter((id) => newable.some((d) => d.id === id));
  if (before.length > 0) return before;
  const one = preselectedDevice(data);
  const pc = newable.find((d) => d.kind === 'pc');
  // A peripheral is ticked for the customer only when it was their last choice, never because the PC is taken.
  if (one !== undefined && (one === data.deviceId || one === pc?.id)) return [one];
  return pc !== undefined ? [pc.id] : [];
}
/** The device a fresh device page should preselect: the chosen one unless refused, else the first new one. */
export function preselectedDevice(data: WizardData): string | undefined {
  const selectable = registrableDevices(data);
  const usable = (id: string | undefined) => id !== undefined && !data.declined.includes(id);
  if (usable(data.deviceId) && selectable.some((d) => d.id === data.deviceId)) return data.deviceId;
  return selectable.find((d) => usable(d.id) && !isRegistered(data, d.id))?.id;
}

/** Devices that can still join the registration: identifiable and not already on it. */
export function addableDevices(data: WizardData): ScannedDevice[] {
  return registrableDevices(data).filter((d) => !isRegistered(data, d.id));
}
