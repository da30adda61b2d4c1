/** Texts the main process shows outside the wizard (tray, notifications), in the wizard's two languages. */
const TEXTS = {
  en: {
    trayWaiting: (n: number) => (n === 1 ? '1 registration waiting to be sent' : `${n} registrations waiting to be sent`),
    trayOpen: 'Open device registration',
    traySend: 'Send now',
    deliveredTitle: 'Registration complete',
    deliveredBody: (number: string) => `Your registration number is ${number}. Keep it for support and warranty.`,
    duplicateTitle: 'Already registered',
    duplicateBody: 'This device was already registered. Open the registration window to see your options.',
    rejectedTitle: 'Registration needs your attention',
    rejectedBody: 'The saved registration could not be accepted. Please open the registration window and enter your details again.',
    quarantinedTitle: 'A saved registration could not be read',
    quarantinedBody: 'It was set aside. Please open the registration window and register this device again.',
  },
  ja: {
    trayWaiting: (n: number) => `送信待ちの登録が ${n} 件あります`,
    trayOpen: '機器登録を開く',
    traySend: '今すぐ送信',
    deliveredTitle: '登録が完了しました',
    deliveredBody: (number: string) => `登録番号は ${number} です。サポートや保証のためにお控えください。`,
    duplicateTitle: 'すでに登録されています',
    duplicateBody: 'この機器はすでに登録されています。登録画面を開いて、次の操作を選んでください。',
    rejectedTitle: '登録内容をご確認ください',
    rejectedBody: '保存した登録を受け付けられませんでした。登録画面を開いて、もう一度入力してください。',
    quarantinedTitle: '保存した登録を読み取れませんでした',
    quarantinedBody: '別の場所に移しました。登録画面を開いて、この機器をもう一度登録してください。',
  },
} as const;

export type NoticeTexts = (typeof TEXTS)['en'] | (typeof TEXTS)['ja'];

/** Japanese for a Japanese OS, English otherwise (the wizard follows the same rule). */
export function noticeTexts(locale: string): NoticeTexts {
  return locale.toLowerCase().startsWith('ja') ? TEXTS.ja : TEXTS.en;
}
