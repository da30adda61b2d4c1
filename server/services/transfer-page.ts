import type { MailLocale } from '../../protocol';
import { escapeHtml } from '../http/html-escape';
import { serialTail, type DeviceLabel } from '../mail/notices';

/** Which page to render: the form, or one of its ends. */
export type TransferPageState =
  | { kind: 'form'; device: DeviceLabel; csrfToken: string }
  | { kind: 'approved' }
  | { kind: 'declined' }
  | { kind: 'gone' }
  | { kind: 'forbidden' }
  | { kind: 'bad-request' };

const WORDS: Record<MailLocale, Record<'title' | 'intro' | 'device' | 'approve' | 'decline' | 'approved' | 'declined' | 'gone' | 'forbidden' | 'badRequest' | 'other', string>> = {
  ja: {
    title: '機器の譲渡',
    intro: 'あなたが登録している次の機器について、新しい持ち主が登録を希望しています。譲渡を承認すると、この機器はあなたの登録から外れます。',
    device: '機器',
    approve: '譲渡を承認する',
    decline: '断る',
    approved: '譲渡を承認しました。この機器はあなたの登録から外れました。',
    declined: '譲渡を断りました。この機器は引き続きあなたの登録です。',
    gone: 'このリンクはもう使えません(判断済みか、期限が過ぎています)。',
    forbidden: 'このページを開き直してから、もう一度お選びください。',
    badRequest: '「承認する」か「断る」を選んでください。',
    other: 'English',
  },
  en: {
    title: 'Device transfer',
    intro: 'Someone asks to register the following device, which is registered to you. If you approve, it leaves your registration.',
    device: 'Device',
    approve: 'Approve the transfer',
    decline: 'Decline',
    approved: 'You approved the transfer. The device left your registration.',
    declined: 'You declined the transfer. The device stays in your registration.',
    gone: 'This link can no longer be used (already decided, or expired).',
    forbidden: 'Please open this page again, then choose once more.',
    badRequest: 'Please choose approve or decline.',
    other: '日本語',
  },
};

/** The one sentence each end state shows. */
const MESSAGE = { approved: 'approved', declined: 'declined', gone: 'gone', forbidden: 'forbidden', 'bad-request': 'badRequest' } as const;

/** The decision page (server-rendered, works without JavaScript): the owner's own device only, never the requester. */
export function renderTransferPage(state: TransferPageState, locale: MailLocale): string {
  const w = WORDS[locale];
  const other: MailLocale = locale === 'ja' ? 'en' : 'ja';
  let main: string;
  if (state.kind === 'form') {
    const d = state.device;
    const label = [d.vendor, d.model, serialTail(d.serial)].filter(Boolean).join(' ');
    main =
      `<p>${escapeHtml(w.intro)}</p><p><strong>${escapeHtml(w.device)}:</strong> ${escapeHtml(label)}</p>` +
      `<form method="post"><input type="hidden" name="csrf" value="${escapeHtml(state.csrfToken)}">` +
      `<button type="submit" name="decision" value="approve">${escapeHtml(w.approve)}</button> ` +
      `<button type="submit" name="decision" value="decline">${escapeHtml(w.decline)}</button></form>`;
  } else {
    main = `<p>${escapeHtml(w[MESSAGE[state.kind]])}</p>`;
  }
  const switcher = `<p><a href="?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(w.other)}</a></p>`;
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(w.title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6}button{font-size:1rem;padding:.5rem 1rem;margin:.25rem}</style></head>` +
    `<body><main><h1>${escapeHtml(w.title)}</h1>${main}</main>${switcher}</body></html>`
  );
}
