// Outbox: every message is stored first, then handed to the transports for its channel (console, SMTP for
// email, GOV.UK Notify for SMS). A failed send is retried with exponential backoff from the stored row, by
// whichever replica's scheduler finds it due; each attempt claims the row with a conditional update, so two
// replicas never send one attempt twice. The dev outbox reads the rows back.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB, Store } from './db.js';

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}
export type Channel = 'email' | 'sms';
export interface Message {
  to: string;
  channel: Channel;
  subject: string;
  text: string;
  attachments?: Attachment[];
}
export interface Transport {
  /** A short name for logs. */
  name: string;
  /** The channels it delivers; a message goes to every transport of its channel. */
  channels: readonly Channel[];
  /** Delivers, or throws: a PermanentDeliveryError is not retried (e.g. the provider refused the address). */
  deliver(message: Message & { id: string }): Promise<void>;
}

/** A refusal that trying again cannot fix (a 400 or 403 from the provider). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export interface RetryPolicy {
  /** Attempts in all, the first included; then the message is marked failed. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  baseMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
  /** How long an attempt holds its claim: a replica that dies mid-send is retried after this. */
  leaseMs: number;
}
/** 8 attempts over about two hours: 30 s, 1, 2, 4, 8, 16, 32 minutes, 1 hour apart. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  baseMs: 30_000,
  maxMs: 3_600_000,
  leaseMs: 120_000,
};

/** The wait before attempt n + 1 after attempt n failed. */
export const backoffMs = (attempt: number, policy: RetryPolicy) =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));

export const consoleTransport: Transport = {
  name: 'console',
  channels: ['email', 'sms'],
  async deliver(message) {
    process.stdout.write(
      `[visit-kit outbox] ${message.channel} to ${message.to}: ${message.subject}\n${message.text}\n\n`,
    );
  },
};

export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    channels: ['email'],
    async deliver(message) {
      try {
        await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: `<${message.id}@visit-kit>`,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
      } catch (error) {
        // 5xx replies to a recipient are permanent (RFC 5321); connection failures and 4xx are retried
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500 && code < 600)
          throw new PermanentDeliveryError(`SMTP ${code}`);
        throw error;
      }
    },
  };
}

export class Outbox {
  constructor(
    private store: Store,
    private transports: Transport[],
    private log: (line: string) => void,
    private now: () => Date = () => new Date(),
    readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Stores the message and makes its first attempt in the background. Returns its id. */
  async send(message: Message): Promise<string> {
    const stored = await this.enqueue(this.store.db, message);
    stored.attempt();
    return stored.id;
  }

  /**
   * Stores the message with `db`: the store's handle, or a transaction the caller is in (the message then
   * commits or rolls back with the change it is about). Call `attempt()` once it is committed: the first
   * attempt, in the background.
   */
  async enqueue(db: Kysely<DB>, message: Message): Promise<{ id: string; attempt(): void }> {
    const id = randomUUID();
    const at = this.now().toISOString();
    const deliverable = this.transports.some((t) => t.channels.includes(message.channel));
    await db
      .insertInto('outbox')
      .values({
        id,
        to_addr: message.to.toLowerCase(),
        channel: message.channel,
        subject: message.subject,
        text: message.text,
        attachments: JSON.stringify(message.attachments ?? []),
        at,
        status: deliverable ? 'pending' : 'held',
        attempts: 0,
        next_attempt_at: deliverable ? at : null,
        last_error: null,
        sent_at: null,
      })
      .execute();
    return {
      id,
      attempt: () => {
        if (deliverable)
          this.attempt(id, at).catch((error: unknown) =>
            this.log(
              `outbox: attempt on ${id} failed to run: ${error instanceof Error ? error.name : 'error'}`,
            ),
          );
      },
    };
  }

  /**
   * Retries every message whose next attempt is due (the scheduler calls this each tick). Returns how many
   * were delivered.
   */
  async deliverDue(limit = 50): Promise<number> {
    const due = await this.store.db
      .selectFrom('outbox')
      .select(['id', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', this.now().toISOString())
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    let delivered = 0;
    for (const row of due) if (await this.attempt(row.id, row.next_attempt_at!)) delivered += 1;
    return delivered;
  }

  /** One attempt, if this caller wins the claim on it. True when it was delivered. */
  private async attempt(id: string, expectedNext: string): Promise<boolean> {
    const now = this.now();
    const row = await this.store.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        next_attempt_at: new Date(now.getTime() + this.retry.leaseMs).toISOString(),
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', expectedNext)
      .returningAll()
      .executeTakeFirst();
    if (!row) return false; // another replica (or the first attempt) has it
    const message = {
      id,
      to: row.to_addr,
      channel: row.channel as Channel,
      subject: row.subject,
      text: row.text,
      attachments: JSON.parse(row.attachments) as Attachment[],
    };
    try {
      for (const transport of this.transports)
        if (transport.channels.includes(message.channel)) await transport.deliver(message);
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const attempts = Number(row.attempts);
      const giveUp = permanent || attempts >= this.retry.maxAttempts;
      // never the address or content: the error's class and message (ours, or a provider's status) only
      const reason = `${error instanceof Error ? error.name : 'Error'}${permanent ? `: ${(error as Error).message}` : ''}`;
      await this.store.db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          next_attempt_at: giveUp
            ? null
            : new Date(this.now().getTime() + backoffMs(attempts, this.retry)).toISOString(),
          last_error: reason.slice(0, 200),
        })
        .where('id', '=', id)
        .execute();
      this.log(
        `outbox: attempt ${attempts} of message ${id} failed (${reason})${giveUp ? '; giving up' : ''}`,
      );
      return false;
    }
    await this.store.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: this.now().toISOString(), next_attempt_at: null, last_error: null })
      .where('id', '=', id)
      .execute();
    return true;
  }

  async list(to?: string, limit = 50) {
    let q = this.store.db.selectFrom('outbox').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit);
    if (to) q = q.where('to_addr', '=', to.toLowerCase());
    const rows = await q.execute();
    return rows.map((r) => ({
      id: r.id,
      to: r.to_addr,
      channel: r.channel as Channel,
      subject: r.subject,
      text: r.text,
      at: r.at,
      attachments: JSON.parse(r.attachments) as Attachment[],
      status: r.status,
      attempts: Number(r.attempts),
    }));
  }
}
