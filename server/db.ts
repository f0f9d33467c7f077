// Database layer: one Kysely query layer and one set of migrations for SQLite (default) and PostgreSQL.
import Database from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { chainHash, GENESIS } from './audit-chain.js';

export interface UsersTable {
  id: string;
  role: 'visitor' | 'staff';
  email: string;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  language: 'en' | 'cy';
  prison_code: string | null;
  created_at: string;
}
export interface LoginCodesTable {
  id: string;
  email: string;
  code_hash: string;
  expires_at: string;
  attempts: number;
  used_at: string | null;
  created_at: string;
}
export interface PrisonsTable {
  code: string;
  name: string;
  timezone: string;
  visit_types: string; // JSON array
  max_total: number;
  max_adults: number;
  max_children: number;
  adult_age: number;
  min_notice_days: number;
  max_notice_days: number;
}
export interface PrisonersTable {
  id: string;
  prison_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  prison_code: string;
  allowance_per_period: number;
  allowance_remaining: number;
  allowance_period_days: number;
  period_ends: string;
  closed_visits: number;
  review_required: number;
}
export interface LinksTable {
  id: string;
  user_id: string;
  prisoner_id: string | null;
  prison_code: string;
  claimed_prison_number: string;
  claimed_first_name: string;
  claimed_last_name: string;
  claimed_date_of_birth: string;
  relationship: string;
  status: 'requested' | 'approved' | 'rejected';
  rejection_reason: string | null;
  closed_visits: number;
  banned_until: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}
export interface LinkVisitorsTable {
  id: string;
  link_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  relationship: string;
  status: 'requested' | 'approved' | 'rejected';
  banned_until: string | null;
  lead: number;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}
export interface SessionTemplatesTable {
  id: string;
  prison_code: string;
  type: 'video' | 'in-person';
  day_of_week: number;
  start_time: string;
  end_time: string;
  valid_from: string;
  valid_to: string | null;
  capacity: number;
  active: number;
  created_at: string;
  /** 1: a legal visit session (a solicitor's video visit): never monitored (migration 0005). */
  legal?: number;
}
export interface ExcludedDatesTable {
  prison_code: string;
  date: string;
  reason: string;
}
export interface HoldsTable {
  id: string;
  user_id: string;
  prisoner_id: string;
  template_id: string;
  slot_id: string;
  date: string;
  type: 'video' | 'in-person';
  start_at: string;
  end_at: string;
  expires_at: string;
  status: 'active' | 'released' | 'consumed';
  created_at: string;
}
export interface VisitsTable {
  id: string;
  reference: string;
  prisoner_id: string;
  prison_code: string;
  template_id: string | null;
  slot_id: string;
  date: string;
  type: 'video' | 'in-person';
  start_at: string;
  end_at: string;
  status: 'booked' | 'requested' | 'cancelled' | 'completed';
  sub_status: string;
  lead_user_id: string;
  link_id: string | null;
  support_needs: string | null;
  contact: string; // JSON
  cancellation: string | null; // JSON
  outcome: string | null; // JSON
  created_at: string;
  updated_at: string;
  /** When the reminder before the visit was sent (claimed atomically, so once across replicas). */
  reminded_at: string | null;
  /** How the video call ended (JSON CallOutcome), written once when the call ends. */
  call_outcome: string | null;
  /** A legal visit: the legal professional's firm, as they registered it (null: not a legal visit). */
  legal_firm?: string | null;
}
export interface VisitVisitorsTable {
  visit_id: string;
  visitor_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  relationship: string | null;
  lead: number;
}
export interface CallsTable {
  visit_id: string;
  prison_code: string;
  room: string;
  status: 'idle' | 'waiting' | 'checking' | 'admitted' | 'in-call' | 'denied' | 'ended';
  opens_at: string;
  starts_at: string;
  ends_at: string;
  scheduled_ends_at: string;
  credited_seconds: number;
  knocked_at: string | null;
  prisoner_knocked_at: string | null;
  admitted_at: string | null;
  deny_reason: string | null;
  deny_note: string | null;
  end_reason: string | null;
  end_note: string | null;
  staff_reason: string | null;
  ended_at: string | null;
  room_closed: number;
  warnings: string; // JSON
  credit_covered_until: string | null;
  updated_at: string;
}
export interface ParticipantSessionsTable {
  id: string;
  visit_id: string;
  room: string;
  identity: string;
  joined_at: string;
  left_at: string | null;
}
export interface DevicesTable {
  id: string;
  prisoner_id: string;
  label: string;
  pairing_code: string;
  pairing_expires_at: string;
  reusable: number;
  paired_at: string | null;
  created_by: string;
  created_at: string;
}
export interface AuditTable {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  visit_id: string | null;
  prison_code: string | null;
  channel: string;
  details: string; // JSON
  /** The chain this row belongs to: its prison code, or '' for rows of no prison (see server/audit.ts). */
  chain: string;
  /** Position in its chain, from 1, with no gaps. */
  seq: number;
  prev_hash: string;
  hash: string;
}
/** The head of each audit chain: the last row's seq and hash (a deleted last row shows as a mismatch). */
export interface AuditChainsTable {
  chain: string;
  seq: number;
  hash: string;
}
/** Audit rows removed by the retention job: their place in the chain and hash, no content. */
export interface AuditPurgedTable {
  chain: string;
  seq: number;
  hash: string;
  purged_at: string;
}
/** A visit whose records the retention job must keep (e.g. a security incident under investigation). */
export interface LegalHoldsTable {
  id: string;
  visit_id: string;
  prison_code: string;
  reason: string;
  created_by: string;
  created_at: string;
  released_at: string | null;
  released_by: string | null;
}
export interface OutboxTable {
  id: string;
  to_addr: string;
  channel: string;
  subject: string;
  text: string;
  attachments: string; // JSON
  at: string;
  /** pending (to send or retry), sent, failed (gave up), held (no transport for its channel: stored only). */
  status: 'pending' | 'sent' | 'failed' | 'held';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
}
export interface IdempotencyTable {
  caller: string;
  key: string;
  status: number;
  body: string | null;
  content_type: string | null;
  created_at: string;
}
export interface WebhookEventsTable {
  id: string;
  received_at: string;
}

/** The latest call-quality summary each side sent (migration 0006): one row per call and participant. */
export interface CallQualityTable {
  visit_id: string;
  identity: string;
  role: 'visitor' | 'prisoner';
  /** Packet loss in hundredths of a percent (integers stay portable across SQLite and PostgreSQL). */
  packet_loss_bp: number;
  rtt_ms: number;
  bitrate_kbps: number;
  freezes: number;
  reconnections: number;
  final: number;
  first_at: string;
  updated_at: string;
}

export interface DB {
  users: UsersTable;
  login_codes: LoginCodesTable;
  prisons: PrisonsTable;
  prisoners: PrisonersTable;
  links: LinksTable;
  link_visitors: LinkVisitorsTable;
  session_templates: SessionTemplatesTable;
  excluded_dates: ExcludedDatesTable;
  holds: HoldsTable;
  visits: VisitsTable;
  visit_visitors: VisitVisitorsTable;
  calls: CallsTable;
  participant_sessions: ParticipantSessionsTable;
  devices: DevicesTable;
  audit: AuditTable;
  audit_chains: AuditChainsTable;
  audit_purged: AuditPurgedTable;
  legal_holds: LegalHoldsTable;
  outbox: OutboxTable;
  idempotency: IdempotencyTable;
  webhook_events: WebhookEventsTable;
  call_quality: CallQualityTable;
}

/** Migrations, in order. Columns are portable: text, integer; times are ISO-8601 UTC strings. */
export const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      const t = (name: string) => db.schema.createTable(name);
      await t('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('first_name', 'text')
        .addColumn('last_name', 'text')
        .addColumn('date_of_birth', 'text')
        .addColumn('phone', 'text')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('prison_code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await t('login_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_codes_email')
        .on('login_codes')
        .columns(['email', 'created_at'])
        .execute();
      await t('prisons')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('visit_types', 'text', (c) => c.notNull())
        .addColumn('max_total', 'integer', (c) => c.notNull())
        .addColumn('max_adults', 'integer', (c) => c.notNull())
        .addColumn('max_children', 'integer', (c) => c.notNull())
        .addColumn('adult_age', 'integer', (c) => c.notNull())
        .addColumn('min_notice_days', 'integer', (c) => c.notNull())
        .addColumn('max_notice_days', 'integer', (c) => c.notNull())
        .execute();
      await t('prisoners')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prison_number', 'text', (c) => c.notNull().unique())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('allowance_per_period', 'integer', (c) => c.notNull())
        .addColumn('allowance_remaining', 'integer', (c) => c.notNull())
        .addColumn('allowance_period_days', 'integer', (c) => c.notNull())
        .addColumn('period_ends', 'text', (c) => c.notNull())
        .addColumn('closed_visits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('review_required', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await t('links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('prisoner_id', 'text')
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('claimed_prison_number', 'text', (c) => c.notNull())
        .addColumn('claimed_first_name', 'text', (c) => c.notNull())
        .addColumn('claimed_last_name', 'text', (c) => c.notNull())
        .addColumn('claimed_date_of_birth', 'text', (c) => c.notNull())
        .addColumn('relationship', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('rejection_reason', 'text')
        .addColumn('closed_visits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('banned_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .execute();
      await db.schema.createIndex('links_user').on('links').column('user_id').execute();
      await db.schema.createIndex('links_prison').on('links').columns(['prison_code', 'status']).execute();
      await t('link_visitors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('link_id', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('relationship', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('banned_until', 'text')
        .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .execute();
      await db.schema.createIndex('link_visitors_link').on('link_visitors').column('link_id').execute();
      await t('session_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('day_of_week', 'integer', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text')
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('templates_prison').on('session_templates').column('prison_code').execute();
      await t('excluded_dates')
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('excluded_dates_pk', ['prison_code', 'date'])
        .execute();
      await t('holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('prisoner_id', 'text', (c) => c.notNull())
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('slot_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('holds_slot').on('holds').columns(['slot_id', 'status']).execute();
      await db.schema.createIndex('holds_user').on('holds').columns(['user_id', 'status']).execute();
      await db.schema.createIndex('holds_date').on('holds').columns(['template_id', 'date']).execute();
      await t('visits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('prisoner_id', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('template_id', 'text')
        .addColumn('slot_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sub_status', 'text', (c) => c.notNull())
        .addColumn('lead_user_id', 'text', (c) => c.notNull())
        .addColumn('link_id', 'text')
        .addColumn('support_needs', 'text')
        .addColumn('contact', 'text', (c) => c.notNull())
        .addColumn('cancellation', 'text')
        .addColumn('outcome', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('visits_slot').on('visits').columns(['slot_id', 'status']).execute();
      await db.schema.createIndex('visits_tdate').on('visits').columns(['template_id', 'date']).execute();
      await db.schema
        .createIndex('visits_prisoner')
        .on('visits')
        .columns(['prisoner_id', 'start_at'])
        .execute();
      await db.schema.createIndex('visits_lead').on('visits').columns(['lead_user_id', 'start_at']).execute();
      await db.schema
        .createIndex('visits_prison_date')
        .on('visits')
        .columns(['prison_code', 'date'])
        .execute();
      await t('visit_visitors')
        .addColumn('visit_id', 'text', (c) => c.notNull())
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('relationship', 'text')
        .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('visit_visitors_pk', ['visit_id', 'visitor_id'])
        .execute();
      await t('calls')
        .addColumn('visit_id', 'text', (c) => c.primaryKey())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('scheduled_ends_at', 'text', (c) => c.notNull())
        .addColumn('credited_seconds', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('knocked_at', 'text')
        .addColumn('prisoner_knocked_at', 'text')
        .addColumn('admitted_at', 'text')
        .addColumn('deny_reason', 'text')
        .addColumn('deny_note', 'text')
        .addColumn('end_reason', 'text')
        .addColumn('end_note', 'text')
        .addColumn('staff_reason', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('room_closed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('credit_covered_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calls_due').on('calls').columns(['status', 'ends_at']).execute();
      await db.schema.createIndex('calls_closing').on('calls').columns(['room_closed', 'status']).execute();
      await t('participant_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull())
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'text', (c) => c.notNull())
        .addColumn('left_at', 'text')
        .execute();
      await db.schema
        .createIndex('participant_sessions_visit')
        .on('participant_sessions')
        .columns(['visit_id', 'identity'])
        .execute();
      await t('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prisoner_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('pairing_code', 'text', (c) => c.notNull().unique())
        .addColumn('pairing_expires_at', 'text', (c) => c.notNull())
        .addColumn('reusable', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('paired_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await t('audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('visit_id', 'text')
        .addColumn('prison_code', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_prison').on('audit').columns(['prison_code', 'at']).execute();
      await db.schema.createIndex('audit_visit').on('audit').columns(['visit_id', 'at']).execute();
      await db.schema.createIndex('audit_actor').on('audit').columns(['actor', 'action', 'at']).execute();
      await t('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('to_addr', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outbox_to').on('outbox').columns(['to_addr', 'at']).execute();
      await t('idempotency')
        .addColumn('caller', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('content_type', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['caller', 'key'])
        .execute();
      await t('webhook_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-reminders': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('visits').addColumn('reminded_at', 'text').execute();
    },
  },
  '0003-call-outcome': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('visits').addColumn('call_outcome', 'text').execute();
    },
  },
  '0004-data-protection': {
    async up(db: Kysely<unknown>) {
      for (const [name, type, value] of [
        ['chain', 'text', ''],
        ['seq', 'integer', 0],
        ['prev_hash', 'text', ''],
        ['hash', 'text', ''],
      ] as const)
        await db.schema
          .alterTable('audit')
          .addColumn(name, type, (c) => c.notNull().defaultTo(value))
          .execute();
      await db.schema
        .createTable('audit_chains')
        .addColumn('chain', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_purged')
        .addColumn('chain', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('purged_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_purged_pk', ['chain', 'seq'])
        .execute();
      await db.schema
        .createTable('legal_holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('released_at', 'text')
        .addColumn('released_by', 'text')
        .execute();
      await db.schema.createIndex('legal_holds_visit').on('legal_holds').column('visit_id').execute();
      await db.schema
        .alterTable('outbox')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('sent'))
        .execute();
      await db.schema
        .alterTable('outbox')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('sent_at', 'text').execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_at').on('outbox').column('at').execute();
      await db.schema.createIndex('login_codes_expiry').on('login_codes').column('expires_at').execute();
      await db.schema.createIndex('visits_end').on('visits').column('end_at').execute();
      // Rows written before the chain existed are chained now, oldest first, so the whole trail verifies.
      await chainExistingAudit(db as Kysely<DB>);
      await db.schema.createIndex('audit_chain_seq').on('audit').columns(['chain', 'seq']).unique().execute();
    },
  },
  '0005-legal-visits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('session_templates')
        .addColumn('legal', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('visits').addColumn('legal_firm', 'text').execute();
    },
  },
  '0006-call-quality': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('call_quality')
        .addColumn('visit_id', 'text', (c) => c.notNull())
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('packet_loss_bp', 'integer', (c) => c.notNull())
        .addColumn('rtt_ms', 'integer', (c) => c.notNull())
        .addColumn('bitrate_kbps', 'integer', (c) => c.notNull())
        .addColumn('freezes', 'integer', (c) => c.notNull())
        .addColumn('reconnections', 'integer', (c) => c.notNull())
        .addColumn('final', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('call_quality_pk', ['visit_id', 'identity'])
        .execute();
    },
  },
};

async function chainExistingAudit(db: Kysely<DB>) {
  const heads = new Map<string, { seq: number; hash: string }>();
  const rows = await db.selectFrom('audit').selectAll().orderBy('at').orderBy('id').execute();
  for (const row of rows) {
    const chain = row.prison_code ?? '';
    const head = heads.get(chain) ?? { seq: 0, hash: GENESIS };
    const seq = head.seq + 1;
    const hash = chainHash({ ...row, chain, seq, prev_hash: head.hash });
    await db
      .updateTable('audit')
      .set({ chain, seq, prev_hash: head.hash, hash })
      .where('id', '=', row.id)
      .execute();
    heads.set(chain, { seq, hash });
  }
  for (const [chain, head] of heads)
    await db.insertInto('audit_chains').values({ chain, seq: head.seq, hash: head.hash }).execute();
}

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export interface Database_ {
  db: Kysely<DB>;
  kind: 'sqlite' | 'postgres';
  /** Runs fn in a write transaction: `BEGIN IMMEDIATE` on SQLite (one writer), `BEGIN` on PostgreSQL (use row locks). */
  tx<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** SQLite only: the connection itself (the bench traces the statements a request runs on it). */
  sqlite?: Database.Database;
  /** PostgreSQL's connection pool, for its metrics. */
  pool?: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
}
export type { Database_ as Store };

/** Opens (and migrates) the database named by url: `postgres://…` or a SQLite file path (`:memory:` works). */
export async function openDatabase(url: string): Promise<Database_> {
  let store: Database_;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection cut by the server (restart, failover, admin termination) must not crash the process:
    // the pool drops it and the next query opens a new one. Without a listener, pg rethrows it as uncaught.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    store = {
      db,
      kind: 'postgres',
      tx: (fn) => db.transaction().execute(fn),
      close: () => db.destroy(),
      pool,
    };
  } else {
    if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
    const sqlite = new Database(url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Kysely prepares every query afresh; re-preparing the same SQL was a fifth of a request's time. Reuse
    // statements by their text (safe: Kysely's SQLite driver runs one query at a time on this connection).
    const prepare = sqlite.prepare.bind(sqlite);
    const statements = new Map<string, ReturnType<typeof prepare>>();
    sqlite.prepare = ((source: string) => {
      let statement = statements.get(source);
      if (!statement) {
        if (statements.size >= 1000) statements.clear();
        statements.set(source, (statement = prepare(source)));
      }
      return statement;
    }) as typeof sqlite.prepare;
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    store = {
      db,
      kind: 'sqlite',
      // Kysely's SQLite driver has one connection behind a mutex; BEGIN IMMEDIATE also excludes other processes.
      tx: (fn) =>
        db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await fn(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            await sql`rollback`.execute(conn).catch(() => {});
            throw error;
          }
        }),
      close: () => db.destroy(),
      sqlite,
    };
  }
  const migrator = new Migrator({ db: store.db, provider: new StaticProvider() });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  return store;
}
