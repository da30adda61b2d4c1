/** English strings; the shape every other language must match. */
export const en = {
  app: { title: 'Product registration', brand: 'Register your PC', language: 'Language' },
  steps: { label: 'Progress', start: 'Start', device: 'Device', details: 'Your details', password: 'Password', review: 'Review', done: 'Done', stepOf: 'Step {{current}} of {{total}}' },
  common: {
    back: 'Back', cancel: 'Cancel', continue: 'Continue', tryAgain: 'Try again', close: 'Close', working: 'Working…', required: 'required', optional: 'optional',
    errorsIntro_one: '{{count}} item needs your attention.', errorsIntro_other: '{{count}} items need your attention.', errorLink: '{{field}}: {{text}}',
  },
  kinds: { pc: 'PC', printer: 'Printer', scanner: 'Scanner / imaging device', modem: 'Modem / terminal adapter', monitor: 'Monitor', storage: 'Storage', camera: 'Camera', audio: 'Audio device', input: 'Input device', other: 'Device' },
  kindsLower: { pc: 'PC', printer: 'printer', scanner: 'scanner', modem: 'modem', monitor: 'monitor', storage: 'storage device', camera: 'camera', audio: 'audio device', input: 'input device', other: 'device' },
  reasons: {
    'no-serial': 'Its serial number cannot be read.', 'junk-serial': 'Its serial number is a placeholder, not a real one.',
    'permission-denied': 'This PC did not allow the app to read its identifiers.', 'internal-panel': 'It is built into the PC.',
    'unsupported-kind': 'Devices of this kind are not registered.',
  },
  welcome: {
    heading: 'Register your new PC', lead: 'Registering takes about three minutes. You will not need to type any serial numbers: this app reads them from your PC and its devices.',
    points: { one: 'We find your PC and the devices connected to it.', two: 'You enter your name and contact details once.', three: 'You get a registration number to keep.' },
    start: 'Start', later: 'Remind me later', never: "Don't ask again",
    registeredHeading: 'Your PC is registered', registeredLead: 'The registration saved on this PC has been sent. You can register other devices connected to this PC, or close.',
    registerMore: 'Register another device',
    neverConfirmTitle: 'Stop asking at start-up?', neverConfirmBody: 'This window will not open by itself again. You can open it at any time from the applications menu: "Device Registration".',
    neverConfirm: 'Yes, stop asking', neverCancel: 'Keep asking',
    pendingTitle: 'Waiting to be sent', pendingBody: 'A registration for your {{device}} is saved on this PC and will be sent when the connection is back.',
    deliveredTitle: 'Registration complete', deliveredBody: 'Your {{device}} was registered. Registration number: {{number}}', sendNow: 'Send now',
  },
  scanning: { heading: 'Looking for your devices', status: 'Reading your PC and the devices connected to it…' },
  devices: {
    heading: 'Choose a device', lead: 'Pick the device you want to register or whose registration you want to update.',
    listLabel: 'Devices found on this PC', serial: 'Serial number', noSerial: 'no serial number', model: 'Model',
    unavailableHeading: 'Devices that cannot be registered', registered: 'Registered',
    actionLegend: 'What would you like to do?', actionNew: 'Register this device for the first time', actionNewHint: 'You will enter your details and choose a password.',
    actionUpdate: 'Update my registration', actionUpdateHint: 'You registered before and want to change your details.',
    chooseDevice: 'Choose a device to continue.', none: 'No devices that can be registered were found.', rescan: 'Scan again',
  },
  details: {
    heading: 'Your details', personalLegend: 'Name and contact details', lead: 'We use these only to contact you about your {{device}}.', editHeading: 'Check and correct your details',
    fields: {
      name: 'Full name', nameKana: 'Name in katakana (furigana)', email: 'E-mail address', phone: 'Phone number',
      postalCode: 'Postal code', address: 'Address', country: 'Country or region',
    },
    hints: {
      name: '', nameKana: 'Example: ヤマダ タロウ', email: 'Example: taro@example.com', phone: 'Example: 03-1234-5678',
      postalCode: 'Example: 100-0001', postalCodeOther: '', phoneOther: 'Include the area code.', address: 'Street, city, state or prefecture', addressJa: 'Prefecture, city, street and building',
      country: '',
    },
    password: 'Password', passwordHint: 'At least {{min}} characters. You will need it to update your registration.',
    passwordConfirm: 'Password again', newPassword: 'New password', newPasswordHint: 'Leave empty to keep your current password.',
    newPasswordConfirm: 'New password again',
    privacyHeading: 'Privacy', privacyBody: 'We keep your details to provide support and warranty service for your devices, and never sell them. Privacy notice version {{version}}: {{url}}',
    consent: 'I have read the privacy notice and agree to it.', review: 'Review', save: 'Save changes',
  },
  countries: { JP: 'Japan', US: 'United States', GB: 'United Kingdom', DE: 'Germany', FR: 'France', CN: 'China', KR: 'South Korea', TW: 'Taiwan', AU: 'Australia', CA: 'Canada' },
  validation: {
    required: 'Enter this item.', email: 'Enter an e-mail address like name@example.com.', phone: 'Enter a phone number for the chosen country.',
    postalJp: 'Enter the postal code as 123-4567.', postal: 'Enter a valid postal code.', kana: 'Write the reading in katakana or hiragana.',
    forbidden: 'Remove invisible or control characters.', tooLong: 'This is too long.', tooShort: 'Use at least {{min}} characters.',
    mismatch: 'The two passwords are different.', consent: 'Agree to the privacy notice to continue.', country: 'Choose a country.', generic: 'Check this item.',
  },
  review: {
    heading: 'Check before you send', lead: 'This is exactly what will be sent. The device identifiers were read from your PC and cannot be changed.',
    deviceHeading: 'Device', customerHeading: 'Your details', vendor: 'Maker', model: 'Model', serial: 'Serial number', kind: 'Type',
    uuid: 'PC identifier (UUID)', password: 'Password', passwordValue: 'Set (not shown)', consent: 'Privacy notice', consentValue: 'Agreed (version {{version}})',
    edit: 'Change details', submit: 'Register', deviceGone: 'This device can no longer be read. Choose another device.', notProvided: '—',
  },
  success: {
    numberLabel: 'Registration number: {{number}}',
    heading: 'Registration complete', lead: 'Your {{device}} is registered.', addedLead: 'Your {{device}} was added to your registration.',
    number: 'Registration number', copy: 'Copy number', copied: 'Copied', keep: 'Keep this number. You will need it when you contact support.',
    addAnother: 'Register another device to this number', finish: 'Finish',
  },
  duplicate: {
    heading: 'This {{device}} is already registered', lead: 'There is already a registration for this {{device}}, perhaps one you made earlier.',
    matched_serial: 'Its serial number matches an existing registration.', matched_hardwareUuid: 'The identifier built into the PC matches an existing registration.',
    privacy: 'For privacy we cannot show whose registration it is.', waysHeading: 'What you can do', update: 'Update my registration instead',
    updateHint: 'If you registered it before, change your details with your password.', another: 'Choose another device', support: 'Contact support',
    supportBody: 'Call 0120-000-000 (weekdays 9:00–18:00) or write to support@example.com. Tell us the model and serial number shown below.',
  },
  unreachable: {
    heading: 'We cannot reach the registration service', lead: 'Check that this PC is connected to the internet, then try again.',
    later: 'Finish later', laterHint: 'We will keep your registration safely on this PC and send it automatically when the connection is back.',
    busy: 'The registration service is busy. Please wait a moment and try again.',
  },
  pending: {
    heading: 'Saved — we will send it later', lead: 'Your registration is stored on this PC, encrypted so only the registration service can read it. It will be sent automatically when the connection is back.',
    status: 'Status', statuses: { pending: 'Waiting to be sent', delivered: 'Registered', duplicate: 'Already registered', rejected: 'Needs correcting', quarantined: 'Could not be read' },
    sendNow: 'Try sending now', deliveredLead: 'Your registration has been sent.',
  },
  password: {
    heading: 'Enter your password', lead: 'Enter the password you chose when you registered your {{device}}.', label: 'Password', submit: 'Continue',
    wrong_one: 'That password is not right. You can try {{count}} more time.', wrong_other: 'That password is not right. You can try {{count}} more times.',
    wrong_zero: 'That password is not right, and no tries remain for now. Wait 15 minutes before trying again.',
    wrongNoCount: 'That password is not right, or this device is not registered yet.',
    locked: 'Too many wrong passwords. You can try again at {{time}} (in about {{minutes}} minutes).', notRegistered: 'Not registered yet?', registerInstead: 'Register this device instead',
  },
  updated: {
    heading: 'Your details are saved', changedLead: 'These items were changed:', unchangedHeading: 'Nothing was changed',
    unchangedLead: 'Your details are the same as before, so nothing was saved.', password: 'Password', addDevice: 'Register another device to this number',
  },
  addDevice: {
    heading: 'Register another device', lead: 'It will be added to registration number {{number}}. You do not need to enter your details again.',
    submit: 'Add to my registration', none: 'All devices that can be registered are already registered.',
  },
  outbox: {
    heading: 'Registrations saved on this PC', dismiss: 'Dismiss', savedOn: 'Saved on {{date}}.',
    duplicateTitle: 'Your {{device}} was already registered',
    duplicateBody: 'The registration saved on this PC was sent, but this {{device}} had already been registered, so it was not registered again.',
    duplicateFollow: 'See what you can do',
    duplicateNote: 'This is the result of the registration saved on this PC on {{date}}.',
    rejectedTitle: 'Your saved registration for your {{device}} was not accepted',
    rejectedBody: 'The registration service could not accept it, for these reasons:',
    rejectedAgain: 'Enter the details again',
    rejectedDetails: 'Please enter your details again. They were saved encrypted, so this app cannot fill them in for you.',
    quarantinedTitle: 'A saved registration could not be read',
    quarantinedBody: 'A registration saved on this PC was damaged and could not be sent. Please register your {{device}} again.',
    quarantinedAgain: 'Register again',
    fieldReason: '{{field}}: {{text}}',
    reasons: {
      CONSENT_REQUIRED: 'The privacy notice has changed since you saved your registration. Read the new notice and agree to it again.',
      DEVICE_NOT_IDENTIFIABLE: 'The registration service could not confirm this device from its identifiers.',
      SEALED_UNREADABLE: 'The registration service could not open the saved registration.',
      REQUEST_ID_CONFLICT: 'The saved registration clashed with another one sent from this PC.',
      PAYLOAD_TOO_LARGE: 'The saved registration was too large to send.',
      generic: 'Some details were not accepted.',
    },
  },
  errors: {
    generic: 'Something went wrong. Please try again.', session: 'Please enter your password again.', invalid: 'Some details need correcting.',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape of a translation: same keys as English, any strings. */
export type Messages = Widen<typeof en>;
