// The schema's history: one migration per change, applied in name order on SQLite and PostgreSQL alike.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { chainHash, GENESIS } from './audit-chain.js';
import type { DB } from './tables.js';

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
  '0005-session-state': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      // the sign-in link sent beside the code: a 256-bit single-use token, stored hashed
      await db.schema.alterTable('login_codes').addColumn('link_hash', 'text').execute();
      await db.schema.createIndex('login_codes_link').on('login_codes').column('link_hash').execute();
      // rate-limiter-flexible's table (server/limits.ts), in the shape it expects
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
      await db.schema.createIndex('sessions_principal').on('sessions').columns(['principal']).execute();
      await db.schema.createIndex('sessions_expires').on('sessions').columns(['expires_at']).execute();
    },
  },
  '0006-subject-rights': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('monitor_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('lobby', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('end_source', 'text')
        .execute();
      await db.schema
        .createIndex('monitor_sessions_visit')
        .on('monitor_sessions')
        .columns(['visit_id', 'staff_id', 'room'])
        .execute();
      await db.schema
        .createIndex('monitor_sessions_open')
        .on('monitor_sessions')
        .column('ended_at')
        .execute();
      await db.schema
        .createTable('erasure_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('prison_codes', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('kept', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .createIndex('erasure_requests_status')
        .on('erasure_requests')
        .columns(['status', 'requested_at'])
        .execute();
    },
  },
  '0007-legal-visits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('session_templates')
        .addColumn('legal', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('visits').addColumn('legal_firm', 'text').execute();
    },
  },
  '0008-call-quality': {
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
  '0009-staff-passkeys': {
    async up(db: Kysely<unknown>) {
      // staff passkeys (WebAuthn second factor, server/passkeys.ts): one row per credential
      await db.schema
        .createTable('staff_passkeys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('counter', 'integer', (c) => c.notNull())
        .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('staff_passkeys_user').on('staff_passkeys').column('user_id').execute();
      // single-use set-up codes a colleague of the same prison issues (first passkey, or a lost one)
      await db.schema
        .createTable('staff_enrolment_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('staff_enrolment_codes_user')
        .on('staff_enrolment_codes')
        .columns(['user_id', 'used_at'])
        .execute();
      // the one open WebAuthn challenge of a session (any replica may receive the answer)
      await db.schema
        .createTable('passkey_challenges')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('challenge', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0010-prison-events': {
    // Facts an integrating prison system reports (server/prison-events.ts): each stored once per prison
    // and event id; a visit they put in doubt carries its review flag; a session blocked for one date.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('prison_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('received_by', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addUniqueConstraint('prison_events_event', ['prison_code', 'event_id'])
        .execute();
      await db.schema.alterTable('visits').addColumn('review', 'text').execute();
      await db.schema
        .createTable('session_blocks')
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_blocks_pk', ['template_id', 'date'])
        .execute();
    },
  },
  '0011-on-behalf-and-allowance': {
    async up(db: Kysely<unknown>) {
      // Who made a visit when it was not its lead visitor online: the staff member and how (a phone booking).
      await db.schema.alterTable('visits').addColumn('booked_by', 'text').execute();
      await db.schema.alterTable('visits').addColumn('method', 'text').execute();
      // Staff grants and removals of a person's visit allowance, with the reason (the history staff see).
      await db.schema
        .createTable('allowance_adjustments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prisoner_id', 'text', (c) => c.notNull())
        .addColumn('prison_code', 'text', (c) => c.notNull())
        .addColumn('delta', 'integer', (c) => c.notNull())
        .addColumn('balance_after', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('allowance_adjustments_prisoner')
        .on('allowance_adjustments')
        .columns(['prisoner_id', 'at'])
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

/** Hands Kysely's Migrator the migrations above. */
export class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}
