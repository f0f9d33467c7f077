// The database's tables as Kysely sees them: one interface per table, and `DB`, the whole schema.
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
  link_hash: string | null;
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
  /** 1: a legal visit session (a solicitor's video visit): never monitored (migration 0007). */
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
  /** Why the prison must check this visit (JSON VisitReview, server/prison-events.ts); null: nothing to check. */
  review?: string | null;
  /** The staff member who booked, changed or cancelled it for the family (null: the family did, online). */
  booked_by?: string | null;
  /** How staff took it: `phone` (null: online). Migration 0011. */
  method?: 'phone' | null;
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
export interface SessionsTable {
  /** the token's `jti` */
  id: string;
  /** `role:id` of the person or device */
  principal: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
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
/** One hidden monitor session: staff watching a call or lobby (server/monitoring.ts). */
export interface MonitorSessionsTable {
  id: string;
  visit_id: string;
  prison_code: string;
  staff_id: string;
  room: string;
  lobby: number;
  /** When the monitor token was issued. */
  issued_at: string;
  /** When the media server reported them in the room (null: the token was never used). */
  started_at: string | null;
  ended_at: string | null;
  /** left (the participant_left webhook) or closed-out (the call ended with them still counted in). */
  end_source: 'left' | 'closed-out' | null;
}
/** A family member's request to erase what is held about them (server/subject-rights.ts). */
export interface ErasureRequestsTable {
  id: string;
  user_id: string;
  /** Prisons that hold their data (JSON array): staff of any of them may action the request. */
  prison_codes: string;
  status: 'requested' | 'erased' | 'refused';
  reason: string | null;
  requested_at: string;
  decided_at: string | null;
  decided_by: string | null;
  /** What the erasure kept, and why (JSON): visits under a legal hold or with an incident. */
  kept: string;
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

/** The latest call-quality summary each side sent (migration 0008): one row per call and participant. */
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

/** A fact an integrating prison system reported (migration 0010): stored once per prison and event id. */
export interface PrisonEventsTable {
  id: string;
  prison_code: string;
  /** The reporting system's own id for the fact: the same id again is a replay. */
  event_id: string;
  type: string;
  body: string; // JSON: the fact as reported
  received_at: string;
  received_by: string;
  /** What applying it did (JSON PrisonEventResult); null while it is being applied. */
  result: string | null;
}
/** One session (template) that does not run on one date (migration 0010). */
export interface SessionBlocksTable {
  template_id: string;
  date: string;
  prison_code: string;
  reason: string;
  created_at: string;
}

/** A staff grant (+) or removal (-) of a person's visit allowance, with the reason (migration 0011). */
export interface AllowanceAdjustmentsTable {
  id: string;
  prisoner_id: string;
  prison_code: string;
  delta: number;
  balance_after: number;
  reason: string;
  note: string | null;
  staff_id: string;
  at: string;
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
  sessions: SessionsTable;
  audit: AuditTable;
  audit_chains: AuditChainsTable;
  audit_purged: AuditPurgedTable;
  legal_holds: LegalHoldsTable;
  monitor_sessions: MonitorSessionsTable;
  erasure_requests: ErasureRequestsTable;
  outbox: OutboxTable;
  idempotency: IdempotencyTable;
  webhook_events: WebhookEventsTable;
  call_quality: CallQualityTable;
  prison_events: PrisonEventsTable;
  session_blocks: SessionBlocksTable;
  allowance_adjustments: AllowanceAdjustmentsTable;
  staff_passkeys: StaffPasskeysTable;
  staff_enrolment_codes: StaffEnrolmentCodesTable;
  passkey_challenges: PasskeyChallengesTable;
}

/** A staff member's passkey (WebAuthn credential); `id` and `public_key` base64url, `transports` JSON. */
export interface StaffPasskeysTable {
  id: string;
  user_id: string;
  public_key: string;
  counter: number;
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

/** A single-use passkey set-up code, issued by a colleague of the same prison (or the operator). */
export interface StaffEnrolmentCodesTable {
  id: string;
  user_id: string;
  prison_code: string;
  code_hash: string;
  /** `user:<id>` of the colleague, or `operator` / `dev` */
  issued_by: string;
  attempts: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** The open WebAuthn challenge of a session: `purpose` is `registration` or `authentication`. */
export interface PasskeyChallengesTable {
  session_id: string;
  purpose: string;
  challenge: string;
  expires_at: string;
}
