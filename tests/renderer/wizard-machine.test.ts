import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_POLICIES, type Customer, type FormSettings, type LookupResult, type RegistrationCreated, type ScannedDevice } from '../../protocol';
import { emptyDetails, type DetailsOutput } from '../../renderer/src/forms/details-schema';
import {
  addableDevices,
  defaultAction,
  initialState,
  isRegistered,
  preselectedDevice,
  preselectedDevices,
  registrableDevices,
  transition,
  type WizardEvent,
  type WizardState,
} from '../../renderer/src/wizard/wizard-machine';

const device = (id: string, kind: ScannedDevice['kind'], identifiable = true): ScannedDevice => ({
  id, kind, source: 'usb', vendor: 'Maker', model: `M-${id}`, displayName: `Maker ${id}`, serial: identifiable ? `S-${id}` : null, identifiable,
});
const DEVICES = [device('pc', 'pc'), device('printer', 'printer'), device('scanner', 'scanner'), device('webcam', 'camera', false)];
const FORM: FormSettings = { privacyPolicy: { version: '2026-01', url: 'https://example.com/privacy' }, fields: DEFAULT_FIELD_POLICIES, passwordPolicy: { minLength: 8 }, deviceKinds: ['pc', 'printer'], outboxPublicKey: 'k' };
const VALUES = { ...emptyDetails('JP'), customer: { ...emptyDetails('JP').customer, name: '山田 太郎' }, password: 'first-boot-2026', passwordConfirm: 'first-boot-2026', consent: true };
const CUSTOMER: Customer = { name: '山田 太郎', nameKana: undefined, email: undefined, phone: undefined, postalCode: undefined, address: '東京都', country: 'JP' };
const DRAFT: DetailsOutput = { customer: CUSTOMER, password: 'first-boot-2026', passwordConfirm: 'first-boot-2026', consent: true };
const created = (kind: 'pc' | 'printer'): RegistrationCreated => ({ registrationNumber: 'ABCD-EFGH-JKLM', device: { kind, vendor: 'Maker', model: 'M' }, registeredAt: '2026-12-01T00:00:00.000Z' }) as RegistrationCreated;

function run(...events: WizardEvent[]): WizardState {
  return events.reduce(transition, initialState);
}
const lookup: LookupResult = { registrationNumber: 'ABCD-EFGH-JKLM', customer: CUSTOMER, devices: [], expiresAt: '2026-12-01T01:00:00.000Z' };
const loaded: WizardEvent = { type: 'loaded', form: FORM, scan: { devices: DEVICES, warnings: [] } };
const duplicate: WizardEvent = { type: 'register-refused', error: { code: 'DEVICE_ALREADY_REGISTERED', message: 'x', matchedOn: 'serial' } };

describe('wizard state machine', () => {
  it('follows the new-registration flow of DESIGN.md: welcome, scan, devices, details, review, success', () => {
    const names: string[] = [];
    let state = initialState;
    for (const event of [{ type: 'scan-started' }, loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, { type: 'registered', created: created('pc') }] as WizardEvent[]) {
      state = transition(state, event);
      names.push(state.screen.name);
    }
    expect(names).toEqual(['scanning', 'devices', 'details', 'review', 'success']);
    expect(state.data.registered).toEqual(['pc']);
    expect(state.data.registrationNumber).toBe('ABCD-EFGH-JKLM');
  });

  it('keeps the typed details through a duplicate and "choose another device", and does not preselect the refused device', () => {
    const state = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, duplicate, { type: 'another-device' });
    expect(state.screen.name).toBe('devices');
    expect(state.data.values).toEqual(VALUES);
    expect(state.data.declined).toEqual(['pc']);
    expect(preselectedDevice(state.data)).toBe('printer');
    const back = transition(state, { type: 'chosen', deviceId: 'printer', mode: 'new' });
    expect(back.screen.name).toBe('details');
    expect(back.data.values?.customer.name).toBe('山田 太郎');
  });

  it('keeps what was typed when the customer goes back from the details page', () => {
    const state = run(loaded, { type: 'chosen', deviceId: 'printer', mode: 'new' }, { type: 'details-kept', values: VALUES });
    expect(state.screen.name).toBe('devices');
    expect(state.data.values).toEqual(VALUES);
    expect(preselectedDevice(state.data)).toBe('printer');
  });

  it('after signing in for an update, never offers the signed-in PC as a device to add', () => {
    const state = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'update' }, { type: 'signed-in', lookup }, { type: 'updated', result: { changed: false, changedFields: [] } }, { type: 'add-started' });
    expect(state.screen.name).toBe('add-device');
    // The scanner is identifiable but not of a kind this form registers (deviceKinds: pc, printer).
    expect(addableDevices(state.data).map((d) => d.id)).toEqual(['printer']);
  });

  it('a duplicate while adding leads back to the add list (not a fresh registration), with a way back to where it started', () => {
    const state = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, { type: 'registered', created: created('pc') }, { type: 'add-started' }, { type: 'add-chosen', deviceId: 'printer' }, duplicate, { type: 'another-device' });
    expect(state.screen.name).toBe('add-device');
    expect(state.data.mode).toBe('add');
    expect(state.data.registrationNumber).toBe('ABCD-EFGH-JKLM');
    expect(state.data.declined).toEqual(['printer']);
    const started = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, { type: 'registered', created: created('pc') }, { type: 'add-started' });
    expect(started.screen.name === 'add-device' && started.screen.back?.name).toBe('success');
  });

  it('sends host trouble to the unreachable page and field errors back to the details page', () => {
    const base = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES });
    expect(transition(base, { type: 'register-refused', error: { code: 'HOST_UNREACHABLE', message: 'x' } }).screen).toEqual({ name: 'unreachable', retry: 'register', busy: false });
    const fields = transition(base, { type: 'register-refused', error: { code: 'VALIDATION_FAILED', message: 'x', fields: [{ path: 'customer.email', message: 'bad' }] } });
    expect(fields.screen.name).toBe('details');
    expect(fields.data.values).toEqual(VALUES);
  });

  it('a lapsed session on save asks for the password again', () => {
    const state = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'update' }, { type: 'signed-in', lookup }, { type: 'update-refused', error: { code: 'NO_SESSION', message: 'x' } });
    expect(state.screen.name).toBe('password');
  });
});

describe('device page events (statuses before typing, several devices in one pass)', () => {
  const statuses = (pc: 'registered' | 'unregistered'): WizardEvent => ({
    type: 'statuses-known',
    statuses: [{ deviceId: 'pc', status: pc }, { deviceId: 'printer', status: 'unregistered' }],
  });

  it('offers only the kinds the form registers, the unidentifiable and the host-refused folded away', () => {
    const state = run(loaded, { type: 'statuses-known', statuses: [{ deviceId: 'printer', status: 'not_identifiable' }] });
    expect(registrableDevices(state.data).map((d) => d.id)).toEqual(['pc']);
  });

  it('a registered PC defaults to "update" and is never ticked for a new registration; an unregistered one is', () => {
    const registered = run(loaded, statuses('registered'));
    expect(defaultAction(registered.data)).toBe('update');
    expect(isRegistered(registered.data, 'pc')).toBe(true);
    expect(preselectedDevices(registered.data)).toEqual([]);
    const fresh = run(loaded, statuses('unregistered'));
    expect(defaultAction(fresh.data)).toBe('new');
    expect(preselectedDevices(fresh.data)).toEqual(['pc']);
  });

  it('without statuses (offline or host trouble) says unknown and blocks nothing', () => {
    const state = run(loaded, statuses('registered'), { type: 'statuses-unknown' });
    expect(state.data.statusesUnknown).toBe(true);
    expect(state.data.deviceStatuses).toBeUndefined();
    expect(defaultAction(state.data)).toBe('new');
    expect(preselectedDevices(state.data)).toEqual(['pc']);
    expect(run(loaded, { type: 'statuses-unknown' }, statuses('unregistered')).data.statusesUnknown).toBeUndefined();
  });

  it('chooses several devices for one pass, the first opening the registration, and keeps them through Back', () => {
    const chosen = run(loaded, statuses('unregistered'), { type: 'chosen-many', deviceIds: ['pc', 'printer', 'pc'] });
    expect(chosen.screen.name).toBe('details');
    expect(chosen.data.deviceId).toBe('pc');
    expect(chosen.data.deviceIds).toEqual(['pc', 'printer']);
    expect(chosen.data.mode).toBe('new');
    const back = transition(chosen, { type: 'details-kept', values: VALUES });
    expect(preselectedDevices(back.data)).toEqual(['pc', 'printer']);
    // Choosing one device the old way ends the several-device pass.
    expect(transition(back, { type: 'chosen', deviceId: 'printer', mode: 'new' }).data.deviceIds).toBeUndefined();
    expect(transition(back, { type: 'chosen-many', deviceIds: [] })).toBe(back);
  });

  it('a changed privacy notice holds the update on its own page; back returns to the edit page with what was typed', () => {
    const edit = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'update' }, { type: 'signed-in', lookup });
    const held = transition(edit, { type: 'update-refused', error: { code: 'CONSENT_REQUIRED', message: 'x' }, draft: DRAFT });
    expect(held.screen).toEqual({ name: 'consent-update', lookup, draft: DRAFT });
    expect(transition(held, { type: 'consent-update-back' }).screen).toEqual({ name: 'edit', lookup, draft: DRAFT });
    // Any other refusal after agreeing goes back to the edit page with its errors and the typed details.
    const refused = transition(held, { type: 'update-refused', error: { code: 'VALIDATION_FAILED', message: 'x', fields: [{ path: 'customer.address', message: 'bad' }] }, draft: DRAFT });
    expect(refused.screen).toMatchObject({ name: 'edit', draft: DRAFT, serverErrors: [{ path: 'customer.address' }] });
    // Without the typed details (an old caller), a consent refusal stays an error on the edit page.
    expect(transition(edit, { type: 'update-refused', error: { code: 'CONSENT_REQUIRED', message: 'x' } }).screen.name).toBe('edit');
  });

  it('a registered device opened from its card shows the duplicate page for it, before anything is typed', () => {
    const state = run(loaded, statuses('registered'), { type: 'registered-device-opened', deviceId: 'pc' });
    expect(state.screen).toEqual({ name: 'duplicate' });
    expect(state.data.deviceId).toBe('pc');
    expect(state.data.draft).toBeUndefined();
    // "Choose another device" from there never preselects it again.
    const back = transition(state, { type: 'another-device' });
    expect(back.screen.name).toBe('devices');
    expect(preselectedDevices(back.data)).not.toContain('pc');
  });

  it('one number, one result per device: registered ones join the registration, refused ones are never offered again', () => {
    const state = run(loaded, statuses('unregistered'), { type: 'chosen-many', deviceIds: ['pc', 'printer'] }, { type: 'reviewed', draft: DRAFT, values: VALUES }, {
      type: 'registered-many',
      created: created('pc'),
      outcomes: [{ deviceId: 'pc', result: 'registered' }, { deviceId: 'printer', result: 'already-registered' }],
    });
    expect(state.screen).toMatchObject({ name: 'success', added: false, outcomes: [{ deviceId: 'pc', result: 'registered' }, { deviceId: 'printer', result: 'already-registered' }] });
    expect(state.data.registered).toEqual(['pc']);
    expect(state.data.declined).toEqual(['printer']);
    expect(state.data.registrationNumber).toBe('ABCD-EFGH-JKLM');
    expect(addableDevices(state.data)).toEqual([]);
  });
});
