import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { HostConfig } from '../config';

/** One mail ready to leave, with its stable Message-ID. */
export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
}

/** Sends one mail or throws; the queue retries what throws. */
export type MailTransport = (mail: OutgoingMail) => Promise<void>;

/** The file name a mail gets under MAIL_DIR: its Message-ID's local part, so a resend overwrites, never doubles. */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').split('@')[0]?.replace(/[^A-Za-z0-9._-]/g, '_') ?? 'mail'}.eml`;
}

/**
 * SMTP through nodemailer (SMTP_URL), or, for people without an SMTP server, each mail as an .eml
 * file in MAIL_DIR (built by nodemailer's stream transport; only the file name is logged).
 */
export function createMailTransport(config: HostConfig['mail'], logger: Logger): MailTransport | null {
  const { transport } = config;
  if (transport.kind === 'none') return null;
  if (transport.kind === 'smtp') {
    const smtp = nodemailer.createTransport({ url: transport.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return async (mail) => {
      await smtp.sendMail(mail);
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (mail) => {
    const info = await stream.sendMail(mail);
    await fs.mkdir(transport.dir, { recursive: true, mode: 0o700 });
    const name = emlFileName(mail.messageId);
    const temporary = path.join(transport.dir, `.${name}.tmp`);
    await fs.writeFile(temporary, info.message, { mode: 0o600 });
    await fs.rename(temporary, path.join(transport.dir, name));
    logger.info({ file: name }, 'mail written');
  };
}
