// The contract's schemas for staff acting for a family (phone bookings) and for visit allowance adjustments.
// Split from schemas.ts by subject; api/openapi.json is generated from both.
import { z } from '@hono/zod-openapi';
import { Allowance, Email, Id, Instant, LinkVisitor, text } from './schemas.js';

// ---------- a family, as staff find it to book for them ----------

export const FamilyQuery = z
  .object({
    email: Email.optional().openapi({ description: 'the family’s sign-in email, exactly' }),
    prisonNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z]\d{4}[A-Za-z]{2}$/, { message: 'Must be a prison number' })
      .optional()
      .openapi({ description: 'families linked to this person in your prison', example: 'A1234BC' }),
  })
  .refine((q) => !!q.email !== !!q.prisonNumber, {
    message: 'Give an email or a prison number',
    path: ['email'],
  });

export const StaffFamilyLink = z
  .object({
    linkId: z.string(),
    relationship: z.string(),
    prisoner: z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      prisonNumber: z.string(),
    }),
    bannedUntil: z.string().optional(),
    visitors: z
      .array(LinkVisitor)
      .openapi({ description: 'the lead visitor first, as the family sees them' }),
  })
  .openapi('StaffFamilyLink');
export const StaffFamily = z
  .object({
    userId: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    language: z.enum(['en', 'cy']).openapi({ description: 'the language the family is written to in' }),
    links: z.array(StaffFamilyLink).openapi({ description: 'approved links to people in your prison only' }),
  })
  .openapi('StaffFamily');

// ---------- visit allowance adjustments ----------

/**
 * Why staff grant or remove visits: hmpps-visit-allocation-api's `AdjustmentReasonType` (GOVERNOR_ADJUSTMENT,
 * BALANCE_TRANSFER_FROM_PREVIOUS_PRISON, CORRECTIVE_ACTION, EXCHANGE_FOR_PIN_PHONE_CREDIT, OTHER), in our spelling.
 */
export const AdjustmentReason = z.enum([
  'governor-adjustment',
  'transfer-from-previous-prison',
  'corrective-action',
  'exchange-for-phone-credit',
  'other',
]);
/** The most a balance may hold after an adjustment: hmpps-visit-allocation-api's `max.visit-orders` (26). */
export const MAX_ALLOWANCE = 26;
export const AllowanceAdjustmentCreate = z
  .object({
    delta: z
      .number()
      .int()
      .min(-MAX_ALLOWANCE)
      .max(MAX_ALLOWANCE)
      .refine((n) => n !== 0, { message: 'Must not be zero' })
      .openapi({ description: 'visits to grant (positive) or remove (negative)', example: 1 }),
    reason: AdjustmentReason,
    note: text(500)
      .optional()
      .openapi({ description: 'what happened, in words: needed when `reason` is `other`' }),
  })
  .strict()
  .refine((b) => b.reason !== 'other' || !!b.note, {
    message: 'Say why in the note',
    path: ['note'],
  })
  .openapi('AllowanceAdjustmentCreate');
export const AllowanceAdjustment = z
  .object({
    id: z.string(),
    delta: z.number().int(),
    balanceAfter: z.number().int(),
    reason: AdjustmentReason,
    note: z.string().optional(),
    staff: z.string().openapi({ description: 'the staff member who made it' }),
    at: Instant,
  })
  .openapi('AllowanceAdjustment');
export const AllowanceHistory = z
  .object({
    prisoner: z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      prisonNumber: z.string(),
    }),
    allowance: Allowance,
    max: z.number().int().openapi({ description: 'the most a balance may hold after an adjustment' }),
    adjustments: z.array(AllowanceAdjustment).openapi({ description: 'newest first (at most 100)' }),
  })
  .openapi('AllowanceHistory');
export const PrisonerParam = z.object({
  prisonerId: Id.openapi({ description: 'the person’s id or prison number' }),
});
