// Outbox: every message is stored (the dev outbox reads it back) and handed to a transport (console, SMTP).
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Store } from './db.js';

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}
export interface Message {
  to: string;
  channel: 'email' | 'sms';
  subject: string;
  text: string;
  attachments?: Attachment[];
}
export interface Transport {
  deliver(message: Message): Promise<void>;
}

export const consoleTransport: Transport = {
  async deliver(message) {
    process.stdout.write(
      `[visit-kit outbox] ${message.channel} to ${message.to}: ${message.subject}\n${message.text}\n\n`,
    );
  },
};

export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    async deliver(message) {
      if (message.channel !== 'email') return;
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    },
  };
}

export class Outbox {
  constructor(
    private store: Store,
    private transports: Transport[],
    private log: (line: string) => void,
  ) {}

  async send(message: Message): Promise<string> {
    const id = randomUUID();
    await this.store.db
      .insertInto('outbox')
      .values({
        id,
        to_addr: message.to.toLowerCase(),
        channel: message.channel,
        subject: message.subject,
        text: message.text,
        attachments: JSON.stringify(message.attachments ?? []),
        at: new Date().toISOString(),
      })
      .execute();
    for (const transport of this.transports) {
      transport.deliver(message).catch((error: unknown) => {
        // never log the address or content
        this.log(
          `outbox: delivery of message ${id} failed: ${error instanceof Error ? error.name : 'error'}`,
        );
      });
    }
    return id;
  }

  async list(to?: string, limit = 50) {
    let q = this.store.db.selectFrom('outbox').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit);
    if (to) q = q.where('to_addr', '=', to.toLowerCase());
    const rows = await q.execute();
    return rows.map((r) => ({
      id: r.id,
      to: r.to_addr,
      channel: r.channel as 'email' | 'sms',
      subject: r.subject,
      text: r.text,
      at: r.at,
      attachments: JSON.parse(r.attachments) as Attachment[],
    }));
  }
}
