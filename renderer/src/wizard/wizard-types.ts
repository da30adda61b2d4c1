import type {
  DesktopError,
  DeviceStatusEntry,
  FieldError,
  FormSettings,
  LookupResult,
  OutboxEntry,
  RegisteredDevice,
  RegistrationCreated,
  RememberedTransfer,
  ScanResult,
  UpdateResponse,
} from '../../../protocol';
import type { DetailsOutput, DetailsValues } from '../forms/details-schema';

export type Mode = 'new' | 'update' | 'add';

/** Every page of the wizard; data a page needs travels with it. */
export type Screen =
  | { name: 'welcome' }
  | { name: 'scanning' }
  | { name: 'devices' }
  | { name: 'details'; serverErrors?: FieldError[]; rejected?: OutboxEntry }
  | { name: 'review'; error?: DesktopError }
  /** `mailedTo`: the address the host's notice (registered, device-added) goes to, when the host mails. */
  | { name: 'success'; created: RegistrationCreated; added: boolean; outcomes?: DeviceOutcome[]; mailedTo?: string }
  | { name: 'duplicate'; matchedOn?: 'serial' | 'hardwareUuid'; entry?: OutboxEntry }
  | { name: 'unreachable'; retry: 'start' | 'register' | 'add'; busy: boolean; offlineUnavailable?: boolean }
  | { name: 'pending'; entry: OutboxEntry }
  | { name: 'password' }
  | { name: 'edit'; lookup: LookupResult; serverErrors?: FieldError[]; draft?: DetailsOutput }
  /** The privacy notice changed since this registration's last consent: agree to the new one, then the held update is sent. */
  | { name: 'consent-update'; lookup: LookupResult; draft: DetailsOutput }
  /** `mailedTo`: where the host's password-changed notice goes, when the password changed and the host mails. */
  | { name: 'updated'; result: UpdateResponse; mailedTo?: string }
  | { name: 'add-device'; error?: DesktopError; back?: Screen }
  // The customer's life with a registration (issue 9).
  /** `email`: the address typed before, when the customer comes back to change it. */
  | { name: 'forgot-password'; back: Screen; email?: string }
  /** `back` is where the forgotten-password flow began (the password or the duplicate page). */
  | { name: 'recovery-code'; email: string; back: Screen }
  | { name: 'transfer-requested'; transfer: RememberedTransfer }
  | { name: 'my-registration'; lookup: LookupResult; released?: RegisteredDevice }
  | { name: 'erase'; lookup: LookupResult }
  | { name: 'erased'; erasedAt: string };
export type ScreenName = Screen['name'];

/** What the wizard has learned so far in this session. */
export interface WizardData {
  mode: Mode;
  form?: FormSettings;
  scan?: ScanResult;
  scanError?: DesktopError;
  deviceId?: string;
  draft?: DetailsOutput;
  /** What the customer typed, kept through every detour (back, duplicate, another device). */
  values?: DetailsValues;
  registrationNumber?: string;
  /** Device ids registered (or added) in this session, shown as "Registered". */
  registered: string[];
  /** Set while working without the host: the form came from the last host answer ('cache') or the build ('build'). */
  offline?: 'cache' | 'build';
  /** Device ids the host refused as already registered in this session: never preselected again. */
  declined: string[];
  /** The saved (outbox) registration whose outcome the customer is acting on; dismissed once resolved. */
  outboxEntryId?: string;
  // Device page (issues #9 and #12): statuses before typing, several devices in one pass.
  /** Each scanned device's status from the host, by device id; absent until asked. */
  deviceStatuses?: Record<string, DeviceStatusEntry['status']>;
  /** True when the statuses could not be asked (offline, host trouble): the page says so and goes on. */
  statusesUnknown?: boolean;
  /** The devices chosen for this pass, the first (the PC when chosen) registered first, the others added to its number. */
  deviceIds?: string[];
  /** The registration's e-mail address as the host now holds it (typed, signed in with, or updated): where its notices go. */
  emailOnRecord?: string;
  /** New codes sent from the code page since the e-mail page (each replaces the one before); kept out of the screen so the page does not remount. */
  recoveryCodesResent?: number;
}

/** What happened to one device of a pass, shown per device on the success page. */
export interface DeviceOutcome {
  deviceId: string;
  result: 'registered' | 'already-registered' | 'not-identifiable' | 'failed';
}

/** Host trouble the customer can wait out: say "cannot reach", offer try again / finish later. */
export function isHostTrouble(error: DesktopError): boolean {
  return ['HOST_UNREACHABLE', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR', 'TOO_MANY_REQUESTS'].includes(error.code);
}
