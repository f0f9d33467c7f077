// The contract's data-protection schemas: the audit chain and its export, legal holds, who watched, subject
// access and erasure. Split from schemas.ts by subject; api/openapi.json is generated from both.
import { z } from '@hono/zod-openapi';
import { DateString, Id, Instant, Language, text, Visit } from './schemas.js';
import { isValidTimeZone } from './time.js';

// ---------- data protection: the audit chain and legal holds ----------

export const AuditChainProblem = z
  .object({
    seq: z.number().int(),
    kind: z.enum(['edited', 'missing', 'broken-link', 'head']).openapi({
      description:
        '`edited`: the row no longer hashes to its stored hash; `missing`: no row at this place in the chain (deleted); `broken-link`: its previous hash is not the hash of the row before it; `head`: the last row does not match the recorded head of the chain (the newest rows were deleted)',
    }),
    id: z.string().optional(),
  })
  .openapi('AuditChainProblem');
export const AuditChainHead = z
  .object({ seq: z.number().int(), hash: z.string() })
  .openapi('AuditChainHead', {
    description: 'The newest row of the chain: keep it outside the system to anchor the chain',
  });
export const AuditVerification = z
  .object({
    prisonCode: z.string(),
    ok: z.boolean(),
    checked: z.number().int().openapi({ description: 'Rows re-hashed' }),
    head: AuditChainHead,
    problems: z.array(AuditChainProblem),
  })
  .openapi('AuditVerification');
export const AuditExportEntry = z
  .object({
    seq: z.number().int().openapi({ description: 'Place in the prison’s chain, from 1' }),
    id: z.string(),
    at: Instant,
    actor: z.string(),
    role: z.string(),
    action: z.string(),
    subject: z.string(),
    visitId: z.string().nullable(),
    prisonCode: z.string().nullable(),
    channel: z.string(),
    details: z.string().openapi({ description: 'The details as stored (a JSON text), as hashed' }),
    prevHash: z.string(),
    hash: z.string().openapi({
      description:
        'SHA-256 (hex) of the JSON array ["visit-kit-audit-v1", chain, seq, prevHash, id, at, actor, role, action, subject, visitId, prisonCode, channel, details] (chain = the prison code)',
    }),
  })
  .openapi('AuditExportEntry');
export const AuditExport = z
  .object({
    prisonCode: z.string(),
    from: DateString,
    to: DateString,
    generatedAt: Instant,
    algorithm: z.literal('sha256-canonical-v1'),
    head: AuditChainHead,
    verification: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      problems: z.array(AuditChainProblem),
    }),
    entries: z.array(AuditExportEntry),
  })
  .openapi('AuditExport');
export const AuditExportQuery = z.object({
  from: DateString.openapi({ description: 'First day (in the prison’s time zone), included' }),
  to: DateString.openapi({ description: 'Last day, included; at most 400 days after from' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'Default json' }),
});
export const LegalHoldCreate = z.object({ visitId: Id, reason: text(500) }).openapi('LegalHoldCreate');
export const LegalHold = z
  .object({
    id: z.string(),
    visitId: z.string(),
    reason: z.string(),
    placedBy: z.string(),
    placedAt: Instant,
    releasedAt: Instant.nullable(),
  })
  .openapi('LegalHold', {
    description:
      'A visit whose records (visit, contact details, audit) the retention purge keeps until released',
  });

export { isValidTimeZone };

// ---------- data protection: who watched, subject access, erasure ----------

export const MonitorSession = z
  .object({
    id: z.string(),
    visitId: z.string(),
    staffId: z.string(),
    staffName: z.string().nullable(),
    lobby: z.boolean().openapi({ description: 'Watching the lobby (identity check), not the call' }),
    issuedAt: Instant.openapi({ description: 'When the monitor token was issued' }),
    startedAt: Instant.nullable().openapi({
      description: 'When the media server saw them join (null: never)',
    }),
    endedAt: Instant.nullable(),
    endedBy: z.enum(['left', 'closed-out']).nullable().openapi({
      description:
        '`left`: the media server reported them leaving; `closed-out`: the call ended with them still in',
    }),
    seconds: z.number().int().openapi({ description: 'Time watched (so far, while open)' }),
  })
  .openapi('MonitorSession', { description: 'One hidden monitor session: who watched, when, for how long' });

const KeptVisit = z.object({ visitId: z.string(), reason: z.enum(['legal-hold', 'incident']) });
export const ErasureRequest = z
  .object({
    id: z.string(),
    status: z.enum(['requested', 'erased', 'refused']),
    reason: z.string().nullable().openapi({ description: 'Why it was refused' }),
    requestedAt: Instant,
    decidedAt: Instant.nullable(),
    kept: z.array(KeptVisit).openapi({ description: 'Visits the erasure kept, and why' }),
  })
  .openapi('ErasureRequest');
export const ErasureStatus = z.object({ request: ErasureRequest.nullable() }).openapi('ErasureStatus');
export const StaffErasureRequest = ErasureRequest.extend({
  userId: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  prisonCodes: z.array(z.string()),
  visits: z.number().int(),
  heldVisits: z.array(z.string()).openapi({ description: 'Visits a legal hold or incident keeps' }),
}).openapi('StaffErasureRequest');
export const ErasureDecision = z
  .object({
    decision: z.enum(['erase', 'refuse']),
    reason: text(1000).optional().openapi({ description: 'Required when refusing' }),
  })
  .openapi('ErasureDecision');

const Nullable = z.string().nullable();
export const SubjectExport = z
  .object({
    generatedAt: Instant,
    person: z.object({
      id: z.string(),
      email: z.string(),
      firstName: Nullable,
      lastName: Nullable,
      dateOfBirth: Nullable,
      phone: Nullable,
      language: Language,
      createdAt: Instant,
    }),
    links: z.array(
      z.object({
        id: z.string(),
        prisonCode: z.string(),
        prisonNumber: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        dateOfBirth: z.string(),
        relationship: z.string(),
        status: z.string(),
        rejectionReason: Nullable,
        createdAt: Instant,
        decidedAt: Nullable,
        visitors: z.array(
          z.object({
            id: z.string(),
            firstName: z.string(),
            lastName: z.string(),
            dateOfBirth: z.string(),
            relationship: z.string(),
            status: z.string(),
            createdAt: Instant,
          }),
        ),
      }),
    ),
    visits: z.array(
      Visit.extend({
        callQuality: z.record(z.string(), z.unknown()).nullable().openapi({
          description: 'Each side’s call-quality summary and the lost-time credit; null: no summary was sent',
        }),
        yourCallSessions: z.array(z.object({ room: z.string(), joinedAt: Instant, leftAt: Nullable })),
      }),
    ),
    audit: z.array(
      z.object({
        at: Instant,
        action: z.string(),
        by: z.string().openapi({ description: '`you`, or the role of whoever did it (staff are not named)' }),
        visitId: Nullable,
        channel: z.string(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    messages: z.array(
      z.object({
        id: z.string(),
        to: z.string(),
        channel: z.string(),
        subject: z.string(),
        text: z.string(),
        at: Instant,
        status: z.string(),
        attachments: z.array(z.string()),
      }),
    ),
    erasureRequests: z.array(ErasureRequest),
  })
  .openapi('SubjectExport', { description: 'Everything held about the signed-in family member' });
