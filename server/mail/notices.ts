import type { MailLocale } from '../../protocol';
import { escapeHtml } from '../http/html-escape';

/** What a mail may say about a device: never more than the last 4 characters of its serial. */
export interface DeviceLabel {
  kind: string;
  vendor: string;
  model: string;
  serial: string | null;
}

/** The notices of API.md "E-mail"; each carries only what its mail shows. */
export type Notice =
  | { kind: 'registered'; registrationNumber: string; device: DeviceLabel }
  | { kind: 'device-added'; registrationNumber: string; device: DeviceLabel }
  | { kind: 'password-changed'; registrationNumber: string }
  | { kind: 'recovery-code'; code: string; minutes: number }
  | { kind: 'device-released'; registrationNumber: string; device: DeviceLabel }
  | { kind: 'erased' }
  | { kind: 'transfer-requested'; device: DeviceLabel; link: string; days: number }
  | { kind: 'transfer-decided'; device: DeviceLabel; approved: boolean };

/** A rendered mail: subject, plain text and a simple HTML part. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** `…1234`: a serial reduced to what a mail may show. */
export function serialTail(serial: string | null): string {
  if (serial === null || serial.length === 0) return '';
  return serial.length <= 4 ? serial : `…${serial.slice(-4)}`;
}

function deviceLine(device: DeviceLabel): string {
  const tail = serialTail(device.serial);
  return [device.vendor, device.model, tail ? `(${tail})` : ''].filter(Boolean).join(' ');
}

type Paragraphs = { subject: string; lines: string[]; link?: string };

const TEXTS: Record<MailLocale, (notice: Notice) => Paragraphs> = {
  ja(notice) {
    switch (notice.kind) {
      case 'registered':
        return { subject: '製品登録が完了しました', lines: [`登録番号: ${notice.registrationNumber}`, `製品: ${deviceLine(notice.device)}`, 'この登録番号は大切に保管してください。'] };
      case 'device-added':
        return { subject: '登録に機器が追加されました', lines: [`登録番号: ${notice.registrationNumber}`, `追加された機器: ${deviceLine(notice.device)}`] };
      case 'password-changed':
        return { subject: 'パスワードが変更されました', lines: [`登録番号 ${notice.registrationNumber} のパスワードが変更されました。`, 'お心当たりがない場合は、サポート窓口にご連絡ください。'] };
      case 'recovery-code':
        return { subject: 'パスワード再設定コード', lines: [`確認コード: ${notice.code}`, `このコードは${notice.minutes}分間、一度だけ使えます。`, 'お心当たりがない場合は、このメールを無視してください。'] };
      case 'device-released':
        return { subject: '機器の登録を解除しました', lines: [`登録番号: ${notice.registrationNumber}`, `解除した機器: ${deviceLine(notice.device)}`, 'この機器は新しい持ち主が登録できます。'] };
      case 'erased':
        return { subject: '登録情報を削除しました', lines: ['ご依頼により、登録情報と個人情報をすべて削除しました。', '登録されていた機器はすべて登録解除されています。'] };
      case 'transfer-requested':
        return {
          subject: '機器の譲渡の申請が届きました',
          lines: [`機器: ${deviceLine(notice.device)}`, 'この機器を新しい持ち主に譲渡するか、次のページで選んでください。', `${notice.days}日以内にお選びいただけない場合は、サポート窓口が判断します。`],
          link: notice.link,
        };
      case 'transfer-decided':
        return { subject: notice.approved ? '機器の譲渡を承認しました' : '機器の譲渡を断りました', lines: [`機器: ${deviceLine(notice.device)}`, notice.approved ? 'この機器の登録は解除されました。' : 'この機器は引き続きあなたの登録です。'] };
    }
  },
  en(notice) {
    switch (notice.kind) {
      case 'registered':
        return { subject: 'Your product is registered', lines: [`Registration number: ${notice.registrationNumber}`, `Product: ${deviceLine(notice.device)}`, 'Please keep this registration number.'] };
      case 'device-added':
        return { subject: 'A device was added to your registration', lines: [`Registration number: ${notice.registrationNumber}`, `Device added: ${deviceLine(notice.device)}`] };
      case 'password-changed':
        return { subject: 'Your password was changed', lines: [`The password of registration ${notice.registrationNumber} was changed.`, 'If you did not do this, please contact support.'] };
      case 'recovery-code':
        return { subject: 'Your password reset code', lines: [`Code: ${notice.code}`, `It works once, for ${notice.minutes} minutes.`, 'If you did not ask for it, ignore this mail.'] };
      case 'device-released':
        return { subject: 'A device left your registration', lines: [`Registration number: ${notice.registrationNumber}`, `Device released: ${deviceLine(notice.device)}`, 'Its next owner can register it.'] };
      case 'erased':
        return { subject: 'Your registration was erased', lines: ['As you asked, your registration and personal information were erased.', 'Every device it held was released.'] };
      case 'transfer-requested':
        return {
          subject: 'Someone asks for one of your devices',
          lines: [`Device: ${deviceLine(notice.device)}`, 'Please choose on the page below whether it passes to its new owner.', `If you do not choose within ${notice.days} days, support will decide.`],
          link: notice.link,
        };
      case 'transfer-decided':
        return { subject: notice.approved ? 'You approved the transfer' : 'You declined the transfer', lines: [`Device: ${deviceLine(notice.device)}`, notice.approved ? 'The device left your registration.' : 'The device stays in your registration.'] };
    }
  },
};

/** Renders a notice in the registration's locale; callers never put a password, token or full serial in it. */
export function renderNotice(notice: Notice, locale: MailLocale): RenderedMail {
  const { subject, lines, link } = TEXTS[locale](notice);
  const text = [...lines, ...(link ? ['', link] : [])].join('\n');
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const anchor = link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : '';
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${body}${anchor}</body></html>`;
  return { subject, text, html };
}
