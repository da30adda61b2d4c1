import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DesktopError, OutboxEntry, ScannedDevice } from '../../../protocol';
import { desktop } from '../desktop';
import type { DetailsOutput } from '../forms/details-schema';
import { deviceForEntry, outcomeScreen } from './outbox-outcome';
import { isHostTrouble, type Mode, type Screen, type WizardData } from './wizard-types';

/** What a page can do; every call to the main process goes through here. */
export interface Wizard {
  screen: Screen;
  data: WizardData;
  busy: boolean;
  device: ScannedDevice | undefined;
  goto(screen: Screen): void;
  start(): Promise<void>;
  rescan(): Promise<void>;
  choose(deviceId: string, mode: Mode): void;
  review(draft: DetailsOutput): void;
  register(): Promise<void>;
  finishLater(): Promise<void>;
  lookup(password: string): Promise<DesktopError | null>;
  update(draft: DetailsOutput): Promise<void>;
  startAddDevice(): void;
  addDevice(deviceId: string): Promise<void>;
  restart(): void;
  /** Acts on a saved registration's outcome: scans, selects its device and opens the page for it. */
  followOutbox(entry: OutboxEntry): Promise<void>;
}

const WizardContext = createContext<Wizard | null>(null);

/** A fresh registration in the same session: what was registered, the form and the scan stay. */
function nextRegistration(d: WizardData): WizardData {
  return { mode: 'new', registered: d.registered, ...(d.form ? { form: d.form } : {}), ...(d.scan ? { scan: d.scan } : {}) };
}

/** Where a register or add refused for the device or the host leads; null when the page itself should say why. */
function refusalScreen(error: DesktopError, retry: 'register' | 'add'): Screen | null {
  if (error.code === 'DEVICE_ALREADY_REGISTERED') return { name: 'duplicate', ...(error.matchedOn ? { matchedOn: error.matchedOn } : {}) };
  if (isHostTrouble(error)) return { name: 'unreachable', retry, busy: error.code === 'TOO_MANY_REQUESTS' };
  return null;
}

/** The page's access to the wizard. */
export function useWizard(): Wizard {
  const wizard = useContext(WizardContext);
  if (wizard === null) throw new Error('useWizard outside WizardProvider');
  return wizard;
}

/** Holds the wizard's state machine; pages stay dumb and the IPC stays in one place. */
export function WizardProvider({ children }: { children: ReactNode }) {
  const [screen, setScreen] = useState<Screen>({ name: 'welcome' });
  const [data, setData] = useState<WizardData>({ mode: 'new', registered: [] });
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
    setScreen({ name: 'scanning' });
    const [form, scan] = await Promise.all([api.getForm(), api.scanDevices()]);
    if (!form.ok) {
      setScreen({ name: 'unreachable', retry: 'start', busy: false });
      return null;
    }
    setData((d) => ({
      ...d,
      form: form.value,
      ...(scan.ok ? { scan: scan.value, scanError: undefined } : { scanError: scan.error }),
    }));
    return scan.ok ? scan.value.devices : [];
  }, [api]);

  const scanAndForm = useCallback(async () => {
    if ((await loadFormAndScan()) !== null) setScreen({ name: 'devices' });
  }, [loadFormAndScan]);

  /** The followed saved registration is resolved: forget it here and in the outbox (best effort). */
  const settleFollowed = useCallback((entryId: string | undefined) => {
    if (entryId === undefined) return;
    setData(({ outboxEntryId: _settled, ...d }) => d);
    void api.dismissOutboxEntry(entryId);
  }, [api]);

  const markRegistered = useCallback((deviceId: string | undefined, registrationNumber: string) => {
    setData((d) => ({
      ...d,
      registrationNumber,
      registered: deviceId === undefined || d.registered.includes(deviceId) ? d.registered : [...d.registered, deviceId],
    }));
  }, []);

  const value = useMemo<Wizard>(() => {
    const device = data.scan?.devices.find((d) => d.id === data.deviceId);
    return {
      screen,
      data,
      busy,
      device,
      goto: setScreen,
      start: () => run(scanAndForm),
      rescan: () => run(scanAndForm),
      choose(deviceId, mode) {
        // A followed saved registration stays attached only while its own device is chosen.
        setData(({ outboxEntryId, ...d }) => ({ ...d, deviceId, mode, ...(outboxEntryId !== undefined && d.deviceId === deviceId ? { outboxEntryId } : {}) }));
        setScreen(mode === 'update' ? { name: 'password' } : { name: 'details' });
      },
      review(draft) {
        setData((d) => ({ ...d, draft }));
        setScreen({ name: 'review' });
      },
      register: () =>
        run(async () => {
          const { draft, deviceId, form, outboxEntryId } = data;
          if (!draft || !deviceId || !form) return;
          const result = await api.register({ deviceId, customer: draft.customer, password: draft.password, privacyPolicyVersion: form.privacyPolicy.version });
          if (result.ok) {
            markRegistered(deviceId, result.value.registrationNumber);
            settleFollowed(outboxEntryId);
            setScreen({ name: 'success', created: result.value, added: false });
          } else {
            const { error } = result;
            setScreen(refusalScreen(error, 'register') ?? (error.fields && error.fields.length > 0 ? { name: 'details', serverErrors: error.fields } : { name: 'review', error }));
          }
        }),
      finishLater: () =>
        run(async () => {
          const { draft, deviceId, form } = data;
          if (!draft || !deviceId || !form) return;
          const result = await api.finishLater({ deviceId, customer: draft.customer, password: draft.password, privacyPolicyVersion: form.privacyPolicy.version });
          if (result.ok) setScreen({ name: 'pending', entry: result.value });
          else setScreen({ name: 'review', error: result.error });
        }),
      lookup: (password) =>
        run(async () => {
          if (!data.deviceId) return null;
          const result = await api.lookup({ deviceId: data.deviceId, password });
          if (!result.ok) return result.error;
          setData((d) => ({ ...d, registrationNumber: result.value.registrationNumber }));
          setScreen({ name: 'edit', lookup: result.value });
          return null;
        }),
      update: (draft) =>
        run(async () => {
          if (screen.name !== 'edit') return;
          const result = await api.update({
            registrationNumber: screen.lookup.registrationNumber,
            customer: draft.customer,
            ...(draft.password !== '' ? { newPassword: draft.password } : {}),
          });
          if (result.ok) {
            settleFollowed(data.outboxEntryId);
            setScreen({ name: 'updated', result: result.value });
          }
          else if (result.error.code === 'NO_SESSION' || result.error.code === 'INVALID_TOKEN') setScreen({ name: 'password' });
          else setScreen({ ...screen, serverErrors: result.error.fields ?? [{ path: '', message: result.error.message }] });
        }),
      startAddDevice() {
        setData((d) => ({ ...d, mode: 'add' }));
        setScreen({ name: 'add-device' });
      },
      addDevice: (deviceId) =>
        run(async () => {
          if (!data.registrationNumber) return;
          setData((d) => ({ ...d, deviceId }));
          const result = await api.addDevice({ registrationNumber: data.registrationNumber, deviceId });
          if (result.ok) {
            markRegistered(deviceId, result.value.registrationNumber);
            setScreen({ name: 'success', created: result.value, added: true });
          } else {
            setScreen(refusalScreen(result.error, 'add') ?? { name: 'add-device', error: result.error });
          }
        }),
      restart() {
        setData(nextRegistration);
        setScreen({ name: 'devices' });
      },
      followOutbox: (entry) =>
        run(async () => {
          const devices = await loadFormAndScan();
          if (devices === null) return;
          const device = deviceForEntry(entry, devices);
          const follows = device !== undefined && (entry.status === 'duplicate' || entry.status === 'rejected');
          setData((d) => ({
            ...nextRegistration(d),
            ...(d.scanError ? { scanError: d.scanError } : {}),
            ...(device ? { deviceId: device.id } : {}),
            ...(follows ? { outboxEntryId: entry.id } : {}),
          }));
          setScreen(outcomeScreen(entry, device !== undefined));
        }),
    };
  }, [screen, data, busy, api, run, scanAndForm, loadFormAndScan, markRegistered, settleFollowed]);

  return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}
