import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every mail it accepted, parsed by mailparser. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` for the host's SMTP_URL. */
  url: string;
  port: number;
  mails: ParsedMail[];
  /** While true, every recipient is refused with a temporary 451, so senders must retry later. */
  refuse: boolean;
  /** How many recipients were refused so far. */
  refused: number;
  /** Resolves once at least `count` mails arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Mails to one address. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

/** Starts the sink on port 0 (or a given port, to come back on the same address after a stop). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (sink.refuse) {
        sink.refused += 1;
        callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  const sink: SmtpSink = {
    url: '',
    port: 0,
    mails,
    refuse: false,
    refused: 0,
    waitFor(count, timeoutMs = 20_000) {
      return new Promise<ParsedMail[]>((resolve, reject) => {
        const check = () => {
          if (mails.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mails);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mails, got ${mails.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    to(address) {
      return mails.filter((mail) => JSON.stringify(mail.to ?? '').toLowerCase().includes(address.toLowerCase()));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
