// The retention periods (days) and their defaults, apart from the purge so the configuration types need
// nothing else. Why each default: docs/data-protection.md.
export interface RetentionDays {
  /** A visit, its visitors, call record and connection sessions: days after the visit's end. */
  visits: number;
  /** The contact details and support needs given with a visit (email, phone): days after the visit's end. */
  contactDetails: number;
  /** Audit rows: days after they were written (a purged row leaves its hash, so the chain still verifies). */
  audit: number;
  /** Messages in the outbox, sent or given up: days after they were queued. */
  outbox: number;
  /** Sign-in codes: days after they expired. */
  signInCodes: number;
  /** Kiosk pairing codes never used: days after they expired (paired devices stay until staff remove them). */
  devices: number;
  /** Slot holds: days after they expired. */
  holds: number;
  /** Stored answers to Idempotency-Key retries (they hold response bodies): days after the request. */
  idempotency: number;
  /** Ids of LiveKit webhook events already handled (deduplication): days after receipt. */
  webhookEvents: number;
  /**
   * Facts a prison system reported (release, transfer, bans…; they hold prison numbers and staff notes): days
   * after receipt. The visits they flagged keep their own review reason; the audit keeps the report.
   */
  prisonEvents: number;
  /** Sessions blocked on a date (a prison event): days after that date. */
  sessionBlocks: number;
  /** Staff grants and removals of a person's visit allowance (the history staff see): days after they were made. */
  allowanceAdjustments: number;
  /**
   * A visit with a recorded security incident, with its audit and contact details, is kept this long after
   * the incident was recorded, whatever the periods above say (a legal-hold exception).
   */
  incidentHold: number;
}

/** The defaults: short, and each period's reason is in docs/data-protection.md. */
export const DEFAULT_RETENTION: RetentionDays = {
  visits: 365,
  contactDetails: 30,
  audit: 730,
  outbox: 30,
  signInCodes: 1,
  devices: 7,
  holds: 7,
  idempotency: 1,
  webhookEvents: 7,
  prisonEvents: 90,
  sessionBlocks: 30,
  allowanceAdjustments: 730,
  incidentHold: 1095,
};
