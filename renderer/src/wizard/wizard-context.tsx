import i18next from 'i18next';
import { createContext, useCallback, useContext, useMemo, useReducer, useState, type ReactNode } from 'react';
import { deviceStatusResultSchema, networkSettingsAvailabilitySchema, type DesktopError, type FormSettings, type OutboxEntry, type ScannedDevice } from '../../../protocol';
import { desktop } from '../desktop';
import type { DetailsOutput, DetailsValues } from '../forms/details-schema';
import { createLifecycleActions, type LifecycleActions } from './lifecycle-actions';
import { initialState, transition, type WizardEvent } from './wizard-machine';
import type { DeviceOutcome, Mode, Screen, WizardData } from './wizard-types';

/** What a page can do; every call to the main process goes through here. */
export interface Wizard {
  screen: Screen;
  data: WizardData;
  busy: boolean;
  device: ScannedDevice | undefined;
  goto(screen: Screen): void;
  start(): Promise<void>;
  rescan(): Promise<void>;
  /** The host cannot be reached: fill everything in now with the offline form; it is sealed and sent later. */
  continueOffline(): Promise<void>;
  choose(deviceId: string, mode: Mode): void;
  /** Back from the details page: what was typed is kept for when the customer returns. */
  keepDetails(values: DetailsValues): void;
  review(draft: DetailsOutput, values: DetailsValues): void;
  register(): Promise<void>;
  finishLater(): Promise<void>;
  lookup(password: string): Promise<DesktopError | null>;
  /** Sends the update; `consent` agrees to the host's current privacy notice (asked when it changed). */
  update(draft: DetailsOutput, consent?: boolean): Promise<void>;
  /** From the new-notice page back to the edit page, the typed details kept. */
  consentUpdateBack(): void;
  /** The pending page's entry after "send now": delivered moves the step indicator to Done. */
  outboxEntryChanged(entry: OutboxEntry): void;
  startAddDevice(): void;
  addDevice(deviceId: string): Promise<void>;
  /** "Choose another device": back to the list, the typed details kept, the refused device not preselected. */
  restart(): void;
  /** Acts on a saved registration's outcome: scans, selects its device and opens the page for it. */
  followOutbox(entry: OutboxEntry): Promise<void>;
  // Device page (issues #9, #12).
  /** New registration of several devices in one pass: details once, one number, one result per device. */
  chooseMany: (deviceIds: readonly string[]) => void;
  /** A registered device's card → the duplicate page's ways on, before anything is typed (a second-hand PC). */
  openRegisteredDevice: (deviceId: string) => void;
  /** Whether the OS network settings can be opened from here (the button is hidden otherwise). */
  networkSettingsAvailable: () => Promise<boolean>;
  /** Opens the OS network settings; false when it could not. */
  openNetworkSettings: () => Promise<boolean>;
  /** Forgotten password, transfers, the owner's own data, the receipt (issue 9). */
  life: LifecycleActions;
}

/** Scanned devices whose status the device page shows: identifiable ones of the kinds the maker registers (at most 50, API.md). */
function statusCandidates(form: FormSettings, devices: readonly ScannedDevice[]): string[] {
  return devices.filter((d) => d.identifiable && form.deviceKinds.includes(d.kind)).slice(0, 50).map((d) => d.id);
}

/** How one refused register or add call reads on the success page's per-device list. */
function outcomeOf(error: DesktopError): DeviceOutcome['result'] {
  if (error.code === 'DEVICE_ALREADY_REGISTERED') return 'already-registered';
  if (['DEVICE_NOT_IDENTIFIABLE', 'DEVICE_NOT_SELECTABLE', 'UNKNOWN_DEVICE'].includes(error.code)) return 'not-identifiable';
  return 'failed';
}

const WizardContext = createContext<Wizard | null>(null);

/** The language the host writes this customer's mail in: the one the wizard shows. */
function mailLocale(): 'ja' | 'en' {
  return i18next.language === 'en' ? 'en' : 'ja';
}

/** The page's access to the wizard. */
export function useWizard(): Wizard {
  const wizard = useContext(WizardContext);
  if (wizard === null) throw new Error('useWizard outside WizardProvider');
  return wizard;
}

/** Runs the wizard's state machine (wizard-machine.ts) and does its IPC; pages stay dumb. */
export function WizardProvider({ children }: { children: ReactNode }) {
  const [{ screen, data }, dispatch] = useReducer(transition, initialState);
  const [busy, setBusy] = useState(false);
  const api = desktop();

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T> => {
    setBusy(true);
    try {
      return await work();
    } finally {
      setBusy(false);
    }
  }, []);

  /** Fetches the form and scans; answers the devices found, or null when the host cannot be reached. */
  const loadFormAndScan = useCallback(async (): Promise<ScannedDevice[] | null> => {
    dispatch({ type: 'scan-started' });
    const [form, scan] = await Promise.all([api.getForm(), api.scanDevices()]);
    if (!form.ok) {
      dispatch({ type: 'host-unreachable-at-start' });
      return null;
    }
    // Statuses are asked before the page shows, so its defaults (update for a registered PC) are right from the start.
    const ids = scan.ok ? statusCandidates(form.value, scan.value.devices) : [];
    const statuses = ids.length > 0 ? await api.deviceStatus({ deviceIds: ids }) : null;
    const parsed = statuses?.ok ? deviceStatusResultSchema.safeParse(statuses.value) : null;
    dispatch({ type: 'loaded', form: form.value, scan: scan.ok ? scan.value : undefined, scanError: scan.ok ? undefined : scan.error });
    if (parsed?.success) dispatch({ type: 'statuses-known', statuses: parsed.data.devices });
    else if (ids.length > 0) dispatch({ type: 'statuses-unknown' });
    return scan.ok ? scan.value.devices : [];
  }, [api]);

  /** The followed saved registration is resolved: forget it here and in the outbox (best effort). */
  const settleFollowed = useCallback((entryId: string | undefined) => {
    if (entryId === undefined) return;
    dispatch({ type: 'outbox-settled' });
    void api.dismissOutboxEntry(entryId);
  }, [api]);

  const value = useMemo<Wizard>(() => {
    const device = data.scan?.devices.find((d) => d.id === data.deviceId);
    const send = (event: WizardEvent) => dispatch(event);
    return {
      screen,
      data,
      busy,
      device,
      goto: (next) => send({ type: 'goto', screen: next }),
      start: () => run(async () => void (await loadFormAndScan())),
      rescan: () => run(async () => void (await loadFormAndScan())),
      continueOffline: () =>
        run(async () => {
          dispatch({ type: 'scan-started' });
          const [offline, scan] = await Promise.all([api.getOfflineForm(), api.scanDevices()]);
          if (!offline.ok) return send({ type: 'host-unreachable-at-start', offlineUnavailable: true });
          send({ type: 'loaded', form: offline.value.form, scan: scan.ok ? scan.value : undefined, scanError: scan.ok ? undefined : scan.error, offline: offline.value.source });
          send({ type: 'statuses-unknown' });
        }),
      choose: (deviceId, mode) => send({ type: 'chosen', deviceId, mode }),
      keepDetails: (values) => send({ type: 'details-kept', values }),
      review: (draft, values) => send({ type: 'reviewed', draft, values }),
      register: () =>
        run(async () => {
          const { draft, deviceId, form, outboxEntryId } = data;
          if (!draft || !deviceId || !form) return;
          const ids = data.deviceIds && data.deviceIds[0] === deviceId ? data.deviceIds : [deviceId];
          if (ids.length === 1) {
            const result = await api.register({ deviceId, customer: draft.customer, password: draft.password, privacyPolicyVersion: form.privacyPolicy.version, locale: mailLocale() });
            if (!result.ok) return send({ type: 'register-refused', error: result.error });
            settleFollowed(outboxEntryId);
            return send({ type: 'registered', created: result.value });
          }
          // API.md registers one device per call: the first that the host accepts opens the registration,
          // the others are added to its number; a refused device is reported, never the end of the pass.
          const outcomes: DeviceOutcome[] = [];
          let created: Awaited<ReturnType<typeof api.register>> | undefined;
          let firstRefusal: DesktopError | undefined;
          for (const id of ids) {
            if (created === undefined || !created.ok) {
              const result = await api.register({ deviceId: id, customer: draft.customer, password: draft.password, privacyPolicyVersion: form.privacyPolicy.version, locale: mailLocale() });
              if (result.ok) {
                created = result;
                outcomes.push({ deviceId: id, result: 'registered' });
                continue;
              }
              const outcome = outcomeOf(result.error);
              // Details, consent or host trouble concern the whole pass: the pages for them say what to do.
              if (outcome === 'failed') return send({ type: 'register-refused', error: result.error });
              firstRefusal ??= result.error;
              outcomes.push({ deviceId: id, result: outcome });
              continue;
            }
            const added = await api.addDevice({ registrationNumber: created.value.registrationNumber, deviceId: id });
            outcomes.push({ deviceId: id, result: added.ok ? 'registered' : outcomeOf(added.error) });
          }
          if (created === undefined || !created.ok) return send({ type: 'register-refused', error: firstRefusal ?? { code: 'INTERNAL_ERROR', message: 'nothing was registered' } });
          settleFollowed(outboxEntryId);
          send({ type: 'registered-many', created: created.value, outcomes });
        }),
      finishLater: () =>
        run(async () => {
          const { draft, deviceId, form } = data;
          if (!draft || !deviceId || !form) return;
          const result = await api.finishLater({ deviceId, customer: draft.customer, password: draft.password, privacyPolicyVersion: form.privacyPolicy.version, locale: mailLocale() });
          send(result.ok ? { type: 'saved-for-later', entry: result.value } : { type: 'save-for-later-failed', error: result.error });
        }),
      lookup: (password) =>
        run(async () => {
          if (!data.deviceId) return null;
          const result = await api.lookup({ deviceId: data.deviceId, password });
          if (!result.ok) return result.error;
          send({ type: 'signed-in', lookup: result.value });
          return null;
        }),
      update: (draft, consent = false) =>
        run(async () => {
          if (screen.name !== 'edit' && screen.name !== 'consent-update') return;
          const version = data.form?.privacyPolicy.version;
          const result = await api.update({
            registrationNumber: screen.lookup.registrationNumber,
            customer: draft.customer,
            ...(draft.password !== '' ? { newPassword: draft.password } : {}),
            ...(consent && version !== undefined ? { privacyPolicyVersion: version } : {}),
          });
          if (!result.ok) return send({ type: 'update-refused', error: result.error, draft });
          settleFollowed(data.outboxEntryId);
          send({ type: 'updated', result: result.value, email: draft.customer.email });
        }),
      consentUpdateBack: () => send({ type: 'consent-update-back' }),
      outboxEntryChanged: (entry) => send({ type: 'outbox-entry-changed', entry }),
      startAddDevice: () => send({ type: 'add-started' }),
      addDevice: (deviceId) =>
        run(async () => {
          if (!data.registrationNumber) return;
          send({ type: 'add-chosen', deviceId });
          const result = await api.addDevice({ registrationNumber: data.registrationNumber, deviceId });
          send(result.ok ? { type: 'added', created: result.value } : { type: 'add-refused', error: result.error });
        }),
      restart: () => send({ type: 'another-device' }),
      followOutbox: (entry) =>
        run(async () => {
          const devices = await loadFormAndScan();
          if (devices !== null) send({ type: 'outbox-followed', entry, devices });
        }),
      chooseMany: (deviceIds) => send({ type: 'chosen-many', deviceIds }),
      openRegisteredDevice: (deviceId) => send({ type: 'registered-device-opened', deviceId }),
      networkSettingsAvailable: async () => {
        const result = await api.networkSettingsAvailable();
        return result.ok && networkSettingsAvailabilitySchema.safeParse(result.value).data?.available === true;
      },
      openNetworkSettings: async () => (await api.openNetworkSettings()).ok,
      life: createLifecycleActions({ api, screen, data, send, run }),
    };
  }, [screen, data, busy, api, run, loadFormAndScan, settleFollowed]);

  return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}
