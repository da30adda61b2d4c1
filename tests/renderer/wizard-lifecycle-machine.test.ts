import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_POLICIES, type Customer, type FormSettings, type LookupResult, type RegistrationCreated, type RememberedTransfer, type ScannedDevice } from '../../protocol';
import { emptyDetails, type DetailsOutput } from '../../renderer/src/forms/details-schema';
import { initialState, preselectedDevice, transition, type WizardEvent, type WizardState } from '../../renderer/src/wizard/wizard-machine';

const device = (id: string, kind: ScannedDevice['kind']): ScannedDevice => ({ id, kind, source: 'usb', vendor: 'Maker', model: `M-${id}`, displayName: `Maker ${id}`, serial: `S-${id}`, identifiable: true });
const FORM: FormSettings = { privacyPolicy: { version: '2026-01', url: 'https://example.com/privacy' }, fields: DEFAULT_FIELD_POLICIES, passwordPolicy: { minLength: 8 }, deviceKinds: ['pc', 'printer'], outboxPublicKey: 'k', recovery: true, transfers: true };
const CUSTOMER: Customer = { name: '山田 太郎', nameKana: undefined, email: 'taro@example.jp', phone: undefined, postalCode: undefined, address: '東京都', country: 'JP' };
const DRAFT: DetailsOutput = { customer: CUSTOMER, password: 'first-boot-2026', passwordConfirm: 'first-boot-2026', consent: true };
const VALUES = { ...emptyDetails('JP'), password: 'first-boot-2026', passwordConfirm: 'first-boot-2026', consent: true };
const LOOKUP: LookupResult = {
  registrationNumber: 'ABCD-EFGH-JKLM',
  customer: CUSTOMER,
  devices: [
    { id: 'host-pc', kind: 'pc', vendor: 'Maker', model: 'M-pc', serial: 'S-pc', registeredAt: '2026-12-01T00:00:00.000Z' },
    { id: 'host-printer', kind: 'printer', vendor: 'Maker', model: 'M-printer', serial: 'S-printer', registeredAt: '2026-12-01T00:00:00.000Z' },
  ],
  expiresAt: '2026-12-01T01:00:00.000Z',
};
const TRANSFER: RememberedTransfer = { id: 't1', device: { kind: 'pc', vendor: 'Maker', model: 'M-pc' }, deviceId: 'pc', requestedAt: '2026-12-01T00:00:00.000Z', status: 'pending', fresh: true };

const CREATED = (id: string): RegistrationCreated => ({ registrationNumber: 'ABCD-EFGH-JKLM', device: { kind: id === 'pc' ? 'pc' : 'printer', vendor: 'Maker', model: `M-${id}`, serial: `S-${id}` }, registeredAt: '2026-12-01T00:00:00.000Z' });

const loaded: WizardEvent = { type: 'loaded', form: FORM, scan: { devices: [device('pc', 'pc'), device('printer', 'printer')], warnings: [] } };
const duplicate: WizardEvent = { type: 'register-refused', error: { code: 'DEVICE_ALREADY_REGISTERED', message: 'x', matchedOn: 'hardwareUuid' } };
const run = (...events: WizardEvent[]): WizardState => events.reduce(transition, initialState);
const atDuplicate = () => run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, duplicate);
const signedIn = () => run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'update' }, { type: 'signed-in', lookup: LOOKUP });

describe('wizard state machine: the customer\'s life with a registration', () => {
  it('forgotten password from the password page: e-mail, code, then signed in on the edit page', () => {
    const atPassword = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'update' });
    const forgot = transition(atPassword, { type: 'forgot-started' });
    expect(forgot.screen).toEqual({ name: 'forgot-password', back: { name: 'password' } });
    const code = transition(forgot, { type: 'recovery-requested', email: 'taro@example.jp' });
    expect(code.screen).toEqual({ name: 'recovery-code', email: 'taro@example.jp', back: { name: 'password' } });
    const done = transition(code, { type: 'recovered', lookup: LOOKUP });
    expect(done.screen).toEqual({ name: 'edit', lookup: LOOKUP });
    expect(done.data).toMatchObject({ mode: 'update', registrationNumber: 'ABCD-EFGH-JKLM', registered: ['pc'] });
  });

  it('forgotten password from the duplicate page: back returns there, and once recovered the device is no longer "refused"', () => {
    const dup = atDuplicate();
    const forgot = transition(dup, { type: 'forgot-started' });
    expect(forgot.screen.name).toBe('forgot-password');
    expect(forgot.data.mode).toBe('update');
    expect(forgot.screen.name === 'forgot-password' && forgot.screen.back).toBe(dup.screen);
    const declinedFirst = transition(transition(dup, { type: 'another-device' }), { type: 'chosen', deviceId: 'pc', mode: 'new' });
    expect(declinedFirst.data.declined).toEqual(['pc']);
    const recovered = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, duplicate, { type: 'another-device' }, { type: 'chosen', deviceId: 'pc', mode: 'new' }, duplicate, { type: 'forgot-started' }, { type: 'recovery-requested', email: 'x@example.com' }, { type: 'recovered', lookup: LOOKUP });
    expect(recovered.data.declined).toEqual([]);
    expect(recovered.data.registered).toEqual(['pc']);
  });

  it('"Send a new code" stays on the code page (same screen, nothing remounts) and counts the codes sent; another address goes back with it', () => {
    const dup = atDuplicate();
    const code = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, duplicate, { type: 'forgot-started' }, { type: 'recovery-requested', email: 'taro@example.jp' });
    expect(code.screen).toEqual({ name: 'recovery-code', email: 'taro@example.jp', back: dup.screen });
    const once = transition(code, { type: 'recovery-code-resent' });
    expect(once.screen).toBe(code.screen);
    expect(once.data.recoveryCodesResent).toBe(1);
    expect(transition(once, { type: 'recovery-code-resent' }).data.recoveryCodesResent).toBe(2);
    // Another address: the e-mail page with the one typed, and "Back" still leads where the flow began.
    const change = transition(once, { type: 'recovery-email-change' });
    expect(change.screen).toEqual({ name: 'forgot-password', back: dup.screen, email: 'taro@example.jp' });
    const again = transition(change, { type: 'recovery-requested', email: 'taro.yamada@example.jp' });
    expect(again.screen).toEqual({ name: 'recovery-code', email: 'taro.yamada@example.jp', back: dup.screen });
    expect(again.data.recoveryCodesResent).toBeUndefined();
    // Only the code page sends a new code or changes the address.
    const forgot = transition(dup, { type: 'forgot-started' });
    expect(transition(forgot, { type: 'recovery-code-resent' })).toBe(forgot);
    expect(transition(forgot, { type: 'recovery-email-change' })).toBe(forgot);
  });

  it('the mail note: after a new registration, an added device and a password change, to the address on record, only when the host mails', () => {
    const registered = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'new' }, { type: 'reviewed', draft: DRAFT, values: VALUES }, { type: 'registered', created: CREATED('pc') });
    expect(registered.screen).toMatchObject({ name: 'success', added: false, mailedTo: 'taro@example.jp' });
    const added = transition(transition(transition(registered, { type: 'add-started' }), { type: 'add-chosen', deviceId: 'printer' }), { type: 'added', created: CREATED('printer') });
    expect(added.screen).toMatchObject({ name: 'success', added: true, mailedTo: 'taro@example.jp' });

    // Signed in: the address is the record's (nothing was typed in this session).
    const edited = signedIn();
    expect(edited.data.draft).toBeUndefined();
    const password = transition(edited, { type: 'updated', result: { changed: true, changedFields: ['password'] }, email: CUSTOMER.email });
    expect(password.screen).toEqual({ name: 'updated', result: { changed: true, changedFields: ['password'] }, mailedTo: 'taro@example.jp' });
    // A new address is where later notices go; an update without a new password sends none.
    const moved = transition(edited, { type: 'updated', result: { changed: true, changedFields: ['email'] }, email: 'hanako@example.jp' });
    expect(moved.screen).toEqual({ name: 'updated', result: { changed: true, changedFields: ['email'] } });
    const addedAfter = transition(transition(transition(moved, { type: 'add-started' }), { type: 'add-chosen', deviceId: 'printer' }), { type: 'added', created: CREATED('printer') });
    expect(addedAfter.screen).toMatchObject({ name: 'success', added: true, mailedTo: 'hanako@example.jp' });
    // The address cleared with the password changed: the host tells the address it had before.
    const cleared = transition(edited, { type: 'updated', result: { changed: true, changedFields: ['email', 'password'] }, email: undefined });
    expect(cleared.screen).toMatchObject({ mailedTo: 'taro@example.jp' });
    const noAddress = transition(transition(transition(cleared, { type: 'add-started' }), { type: 'add-chosen', deviceId: 'printer' }), { type: 'added', created: CREATED('printer') });
    expect(noAddress.screen).not.toHaveProperty('mailedTo');

    // A host without mail (form `recovery: false`, or an old cached form without it): no note anywhere.
    const quiet: WizardEvent = { type: 'loaded', form: { ...FORM, recovery: false }, scan: { devices: [device('pc', 'pc'), device('printer', 'printer')], warnings: [] } };
    const silent = run(quiet, { type: 'chosen', deviceId: 'pc', mode: 'update' }, { type: 'signed-in', lookup: LOOKUP }, { type: 'updated', result: { changed: true, changedFields: ['password'] }, email: CUSTOMER.email }, { type: 'add-started' }, { type: 'add-chosen', deviceId: 'printer' }, { type: 'added', created: CREATED('printer') });
    expect(silent.screen).toMatchObject({ name: 'success', added: true });
    expect(silent.screen).not.toHaveProperty('mailedTo');
    // Erasing forgets the address.
    const erased = run(loaded, { type: 'chosen', deviceId: 'pc', mode: 'update' }, { type: 'signed-in', lookup: LOOKUP }, { type: 'my-registration-opened' }, { type: 'erase-started' }, { type: 'erased', erasedAt: '2026-12-01T02:00:00.000Z' });
    expect(erased.data.emailOnRecord).toBeUndefined();
  });

  it('ignores lifecycle events on pages that do not offer them', () => {
    const welcome = initialState;
    for (const event of [{ type: 'forgot-started' }, { type: 'recovery-requested', email: 'a@b.jp' }, { type: 'recovery-code-resent' }, { type: 'recovery-email-change' }, { type: 'transfer-requested', transfer: TRANSFER }, { type: 'my-registration-opened' }, { type: 'details-opened' }, { type: 'device-released', registeredDeviceId: 'host-pc' }, { type: 'erase-started' }, { type: 'session-ended' }] as WizardEvent[]) {
      expect(transition(welcome, event)).toBe(welcome);
    }
  });

  it('a transfer request shows what happens next and stops preselecting the device', () => {
    const requested = transition(atDuplicate(), { type: 'transfer-requested', transfer: TRANSFER });
    expect(requested.screen).toEqual({ name: 'transfer-requested', transfer: TRANSFER });
    expect(requested.data.declined).toEqual(['pc']);
    expect(preselectedDevice(transition(requested, { type: 'another-device' }).data)).toBe('printer');
  });

  it('my registration: opened from and back to the edit page; a released device drops from the list and is offered again', () => {
    const mine = transition(signedIn(), { type: 'my-registration-opened' });
    expect(mine.screen).toEqual({ name: 'my-registration', lookup: LOOKUP });
    expect(transition(mine, { type: 'details-opened' }).screen).toEqual({ name: 'edit', lookup: LOOKUP });
    const released = transition(mine, { type: 'device-released', registeredDeviceId: 'host-pc' });
    expect(released.screen.name === 'my-registration' && released.screen.lookup.devices.map((d) => d.id)).toEqual(['host-printer']);
    expect(released.screen.name === 'my-registration' && released.screen.released?.id).toBe('host-pc');
    expect(released.data.registered).toEqual([]);
    expect(transition(released, { type: 'device-released', registeredDeviceId: 'host-pc' })).toBe(released);
  });

  it('erase: asked on its own page, cancel returns, done forgets the registration; a lost sign-in goes to the password', () => {
    const mine = transition(signedIn(), { type: 'my-registration-opened' });
    const erase = transition(mine, { type: 'erase-started' });
    expect(erase.screen).toEqual({ name: 'erase', lookup: LOOKUP });
    expect(transition(erase, { type: 'my-registration-opened' }).screen.name).toBe('my-registration');
    const erased = transition(erase, { type: 'erased', erasedAt: '2026-12-01T02:00:00.000Z' });
    expect(erased.screen).toEqual({ name: 'erased', erasedAt: '2026-12-01T02:00:00.000Z' });
    expect(erased.data.registrationNumber).toBeUndefined();
    expect(erased.data.registered).toEqual([]);
    expect(erased.data.mode).toBe('new');
    expect(transition(erase, { type: 'session-ended' }).screen).toEqual({ name: 'password' });
    expect(transition(mine, { type: 'session-ended' }).screen).toEqual({ name: 'password' });
  });
});
