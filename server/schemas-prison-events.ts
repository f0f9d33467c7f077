// The contract's prison-event schemas: the facts an integrating prison system reports (a release, a
// transfer, a restriction, a banned visitor, a non-association, a blocked session, an excluded date), what
// applying one did, and staff's decision on a visit flagged for review. Split from schemas.ts by subject.
import { z } from '@hono/zod-openapi';
import { DateString, Id, Instant, text } from './schemas.js';

const PrisonNumber = z.string().trim().min(1).max(20).openapi({ example: 'A1234BC' });
const Note = z
  .string()
  .trim()
  .max(500)
  .optional()
  .openapi({ description: 'for staff only: never shown to the family' });
const base = {
  eventId: z.string().trim().min(1).max(100).openapi({
    description:
      'the reporting system’s own id for this fact: the same id again (from anyone in the prison) is a replay and changes nothing',
  }),
  note: Note,
};

export const PrisonEvent = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('prisoner-released'),
      ...base,
      prisonNumber: PrisonNumber,
      release: z.enum(['released', 'temporary']).openapi({
        description:
          '`released`: left prison for good (their future visits are cancelled); `temporary`: court, hospital, temporary licence (their visits are flagged for review)',
      }),
    }),
    z.object({
      type: z.literal('prisoner-transferred'),
      ...base,
      prisonNumber: PrisonNumber,
      toPrisonName: z.string().trim().min(1).max(200).optional(),
    }),
    z.object({
      type: z.literal('prisoner-restriction'),
      ...base,
      prisonNumber: PrisonNumber,
      restriction: z.enum(['visits-ban', 'closed-visits', 'other']).openapi({
        description:
          '`visits-ban`: no visits from `from` to `to` (cancelled); `closed-visits`: visits must be closed from now on (flagged; new in-person bookings are closed); `other`: any other restriction (flagged)',
      }),
      from: DateString.optional().openapi({ description: 'default: today' }),
      to: DateString.optional().openapi({ description: 'last day it applies; none: open-ended' }),
    }),
    z.object({
      type: z.literal('visitor-banned'),
      ...base,
      visitorId: Id.openapi({ description: 'the visitor’s id as visits show it (`visitors[].id`)' }),
      until: DateString.openapi({ description: 'the last day of the ban' }),
    }),
    z.object({
      type: z.literal('non-association'),
      ...base,
      prisonNumber: PrisonNumber,
      otherPrisonNumber: PrisonNumber,
    }),
    z.object({
      type: z.literal('session-blocked'),
      ...base,
      templateId: Id,
      date: DateString,
      reason: text(200),
    }),
    z.object({
      type: z.literal('date-excluded'),
      ...base,
      date: DateString,
      reason: text(200),
    }),
  ])
  .openapi('PrisonEvent');

export const PrisonEventResult = z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.string(),
    receivedAt: Instant,
    replayed: z
      .boolean()
      .openapi({ description: 'true: this event id was reported before; nothing changed now' }),
    visits: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        action: z.enum(['cancelled', 'flagged']),
      }),
    ),
  })
  .openapi('PrisonEventResult');

export const ReviewDecision = z
  .object({
    decision: z.enum(['keep', 'cancel']).openapi({
      description:
        '`keep`: the visit stands and the flag clears; `cancel`: cancelled by the prison, the family is told',
    }),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('ReviewDecision');
