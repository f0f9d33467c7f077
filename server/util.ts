// Small shared helpers: ids, references, audit trail, JSON columns.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from './audit-store.js';
import type { AppContext, Principal } from './context.js';
import type { DB } from './db.js';

export const newId = () => randomUUID();
/** Template ids become part of slot ids (`<templateId>.<date>`), so no dots. */
export const newTemplateId = () => `tpl_${randomBytes(6).toString('hex')}`;

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newReference(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return s;
}
export const isReference = (value: string) => /^[2-9A-HJ-NP-Z]{8}$/.test(value);

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface AuditInput {
  actor: Principal | { id: string; role: 'system' | 'livekit' | 'anonymous' };
  action: string;
  subject: string;
  visitId?: string | null;
  prisonCode?: string | null;
  channel?: string;
  details?: Record<string, unknown>;
}

export async function audit(ctx: AppContext, db: Kysely<DB>, input: AuditInput) {
  const channel =
    input.channel ??
    (input.actor.role === 'prisoner'
      ? 'kiosk'
      : input.actor.role === 'staff'
        ? 'staff-portal'
        : input.actor.role === 'visitor'
          ? 'web'
          : input.actor.role);
  // chained by hash to the row before it in its prison's trail (server/audit-store.ts)
  await appendAudit(ctx.store, db, {
    at: ctx.now().toISOString(),
    actor: input.actor.id,
    role: input.actor.role,
    action: input.action,
    subject: input.subject,
    visit_id: input.visitId ?? null,
    prison_code: input.prisonCode ?? null,
    channel,
    details: JSON.stringify(input.details ?? {}),
  });
  ctx.metrics?.audited(input.action, input.details);
}

export function parseJson<T>(value: string | null | undefined, fallback: T): T {
  if (!value) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
