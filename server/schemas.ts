// The contract's schemas (zod 4 + OpenAPI metadata). api/openapi.json is generated from these.
import { z } from '@hono/zod-openapi';
import { isRealDate } from './time.js';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'validation' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    alternatives: z.array(z.lazy(() => Slot)).optional(),
    affectedVisits: z.array(z.lazy(() => Visit)).optional(),
    recordedOutcome: z.lazy(() => RecordedOutcome).optional(),
    retryAfter: z.number().int().optional(),
  })
  .openapi('Problem');

export const text = (max: number) => z.string().trim().min(1).max(max);
export const Name = text(100);
export const DateString = z
  .string()
  .max(10)
  .refine(isRealDate, { message: 'Must be a real date, YYYY-MM-DD' })
  .openapi({ type: 'string', format: 'date', example: '2026-12-01' });
export const BirthDate = DateString.refine(
  (d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10),
  { message: 'Must be a date of birth in the past' },
).openapi({ type: 'string', format: 'date', example: '1990-04-01' });
export const Instant = z.string().openapi({ format: 'date-time', example: '2026-12-01T14:00:00.000Z' });
export const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be HH:MM')
  .openapi({ example: '14:00' });
export const Email = z.email().max(254).openapi({ example: 'sam@example.org' });
export const Language = z.enum(['en', 'cy']);
export const VisitType = z.enum(['video', 'in-person']);
export const Role = z.enum(['visitor', 'staff', 'prisoner']);
export const Id = z.string().min(1).max(64);
export const PrisonCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Must be a three-letter prison code')
  .openapi({ example: 'NMI' });
export const PrisonNumber = z
  .string()
  .regex(/^[A-Z][0-9]{4}[A-Z]{2}$/, 'Must look like A1234BC')
  .openapi({ example: 'A1234BC' });
export const Phone = z
  .string()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'Must be a phone number')
  .openapi({ example: '07700 900123' });
export const Relationship = text(60).openapi({ example: 'mother' });
export const Decision = z.enum(['approve', 'reject']);

export const User = z
  .object({
    id: z.string(),
    role: Role,
    email: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    dateOfBirth: z.string().optional(),
    phone: z.string().optional(),
    language: Language,
    prisonCode: z.string().optional(),
    prisonerId: z.string().optional(),
  })
  .openapi('User');

export const SecondFactor = z
  .object({
    method: z.literal('passkey'),
    enrolled: z.boolean().openapi({
      description: 'Whether the person has a passkey; without one they set one up with a colleague’s code',
    }),
  })
  .openapi('SecondFactor', {
    description:
      'Present when this staff session still needs its passkey: until then only the passkey routes, sign-out and `/me` answer it (others: 403 `second-factor-required`).',
  });
export const Session = z
  .object({ token: z.string(), expiresAt: Instant, user: User, secondFactor: SecondFactor.optional() })
  .openapi('Session');

/** WebAuthn JSON (`PublicKeyCredential*OptionsJSON`, `*ResponseJSON`): checked by the WebAuthn library. */
const WebAuthnJson = (name: string, description: string) =>
  z.record(z.string(), z.unknown()).openapi(name, { description });
export const PasskeyCreationOptions = WebAuthnJson(
  'PasskeyCreationOptions',
  'PublicKeyCredentialCreationOptionsJSON for `navigator.credentials.create()` (e.g. `startRegistration`)',
);
export const PasskeyRequestOptions = WebAuthnJson(
  'PasskeyRequestOptions',
  'PublicKeyCredentialRequestOptionsJSON for `navigator.credentials.get()` (e.g. `startAuthentication`)',
);
const EnrolmentCode = z.string().trim().min(6).max(20).openapi({ example: 'ABCDE-FGH23' });
export const PasskeyRegistrationStart = z
  .object({ enrolmentCode: EnrolmentCode })
  .openapi('PasskeyRegistrationStart');
export const PasskeyRegistration = z
  .object({
    enrolmentCode: EnrolmentCode,
    response: WebAuthnJson('RegistrationResponse', 'RegistrationResponseJSON from the browser'),
  })
  .openapi('PasskeyRegistration');
export const PasskeyAuthentication = z
  .object({
    response: WebAuthnJson('AuthenticationResponse', 'AuthenticationResponseJSON from the browser'),
  })
  .openapi('PasskeyAuthentication');
export const EnrolmentCodeRequest = z
  .object({
    email: Email,
    revokeExisting: z.boolean().default(false).openapi({
      description: 'Remove their passkeys and end their sessions now (a lost or stolen key)',
    }),
  })
  .openapi('EnrolmentCodeRequest');
export const EnrolmentCodeIssued = z
  .object({
    email: z.string(),
    code: z.string().openapi({ description: 'Single use, for that person only; give it to them in person' }),
    expiresAt: Instant,
    passkeysRemoved: z.number().int(),
  })
  .openapi('EnrolmentCodeIssued');

export const CodeRequest = z.object({ email: Email }).openapi('CodeRequest');
export const CodeSent = z.object({ expiresAt: Instant }).openapi('CodeSent');
export const VerifyRequest = z
  .object({ email: Email, code: z.string().regex(/^\d{6}$/, 'Must be 6 digits') })
  .openapi('VerifyRequest');
export const LinkSignIn = z
  .object({
    token: z
      .string()
      .min(20)
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .openapi('LinkSignIn');
export const DeviceSignIn = z.object({ pairingCode: z.string().min(4).max(40) }).openapi('DeviceSignIn');
export const ProfilePatch = z
  .object({
    firstName: Name.optional(),
    lastName: Name.optional(),
    dateOfBirth: BirthDate.optional(),
    phone: Phone.nullable().optional(),
    language: Language.optional(),
  })
  .strict()
  .openapi('ProfilePatch');

export const Limits = z.object({
  maxTotalVisitors: z.number().int(),
  maxAdultVisitors: z.number().int(),
  maxChildVisitors: z.number().int(),
  adultAgeYears: z.number().int(),
});
export const Prison = z
  .object({
    code: z.string(),
    name: z.string(),
    timezone: z.string(),
    visitTypes: z.array(VisitType),
    limits: Limits,
    bookingWindow: z.object({ minNoticeDays: z.number().int(), maxNoticeDays: z.number().int() }),
  })
  .openapi('Prison');

export const Restrictions = z.object({ closedVisits: z.boolean(), bannedUntil: z.string().optional() });
export const Link = z
  .object({
    id: z.string(),
    status: z.enum(['requested', 'approved', 'rejected']),
    relationship: z.string(),
    prisoner: z.object({
      id: z.string().optional(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      prisonNumber: z.string(),
      prisonCode: z.string(),
      prisonName: z.string(),
    }),
    rejectionReason: z.string().optional(),
    restrictions: Restrictions,
  })
  .openapi('Link');
export const LinkCreate = z
  .object({
    prisonCode: PrisonCode,
    prisonNumber: PrisonNumber,
    firstName: Name,
    lastName: Name,
    dateOfBirth: BirthDate,
    relationship: Relationship,
  })
  .openapi('LinkCreate');
export const Accepted = z.object({ id: z.string(), status: z.literal('requested') }).openapi('Accepted');
export const LinkVisitor = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: z.string(),
    relationship: z.string(),
    status: z.enum(['requested', 'approved', 'rejected']),
    bannedUntil: z.string().optional(),
    lead: z.boolean(),
  })
  .openapi('LinkVisitor');
export const LinkVisitorCreate = z
  .object({ firstName: Name, lastName: Name, dateOfBirth: BirthDate, relationship: Relationship })
  .openapi('LinkVisitorCreate');
export const Allowance = z
  .object({ remaining: z.number().int(), periodEnds: z.string(), nextAllocation: z.string() })
  .openapi('Allowance');

export const Slot = z
  .object({
    id: z.string().openapi({ example: 'tpl_abc.2026-12-01' }),
    start: Instant,
    end: Instant,
    type: VisitType,
    capacity: z.number().int(),
    remaining: z.number().int(),
    legal: z.boolean().optional().openapi({
      description:
        "a legal visit session (a solicitor's video visit): booking it needs `legalFirm`; never monitored",
    }),
  })
  .openapi('Slot');
export const Availability = z
  .object({
    timezone: z.string(),
    days: z.array(
      z.object({
        date: z.string(),
        sessions: z.array(Slot),
        unavailableReason: z.enum(['excluded', 'outside-window', 'no-sessions']).optional(),
      }),
    ),
  })
  .openapi('Availability');
export const AvailabilityQuery = z.object({
  type: VisitType.optional(),
  from: DateString,
  to: DateString,
});

export const SlotId = z
  .string()
  .max(80)
  .regex(/^[A-Za-z0-9_-]{1,60}\.\d{4}-\d{2}-\d{2}$/, 'Must be a slot id');
export const HoldCreate = z.object({ prisonerId: Id, slotId: SlotId }).openapi('HoldCreate');
export const Hold = z
  .object({ id: z.string(), slotId: z.string(), start: Instant, end: Instant, expiresAt: Instant })
  .openapi('Hold');

/** A law firm's name as the legal professional registers it (letters, digits and common punctuation). */
export const LegalFirm = text(120)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} &.,'()/-]*$/u, 'Must be the name of the firm')
  .openapi({ example: 'Jones & Evans Solicitors LLP' });
export const Contact = z
  .object({ email: Email.optional(), phone: Phone.optional(), welshUpdates: z.boolean().optional() })
  .strict()
  .openapi('Contact');
export const BookingCreate = z
  .object({
    holdId: Id,
    visitorIds: z.array(Id).min(1).max(20),
    supportNeeds: z.string().trim().max(2000).optional(),
    contact: Contact,
    legalFirm: LegalFirm.optional().openapi({
      description: "the legal professional's firm: required for a legal visit session, refused for any other",
    }),
  })
  .openapi('BookingCreate');
export const CancelReason = z.enum([
  'booker-cancelled',
  'prisoner-cancelled',
  'establishment-cancelled',
  'visitor-cancelled',
  'administrative',
  'details-changed',
]);
export const CancelRequest = z
  .object({ reason: CancelReason, note: z.string().trim().max(500).optional() })
  .openapi('CancelRequest');
export const ChangeRequest = z.object({ holdId: Id }).openapi('ChangeRequest');
export const Outcome = z.enum([
  'completed',
  'visitor-no-show',
  'prisoner-no-show',
  'terminated',
  'technical-failure',
]);

export const RecordedOutcome = z
  .object({ outcome: Outcome, notes: z.string().optional(), at: Instant, by: z.string() })
  .openapi('RecordedOutcome');

/** How a video visit ended, recorded by the server when its call ends (staff may still record an `outcome`). */
export const CallResult = z.enum([
  'completed',
  'ended-by-staff',
  'time-up',
  'visitor-no-show',
  'prisoner-no-show',
]);
export const CallOutcome = z
  .object({
    result: CallResult.openapi({
      description:
        '`completed`: both took part and the call ran to its end; `ended-by-staff`: staff ended it or refused entry (`staffReason`); `time-up`: both came but the time ran out before the call began; `visitor-no-show` / `prisoner-no-show`: that side never joined by the end time',
    }),
    staffReason: z.string().optional(),
    note: z.string().optional(),
    at: Instant,
  })
  .openapi('CallOutcome');

export const Warning = z.object({ message: z.string(), at: Instant }).openapi('Warning');
export const CallStatus = z.enum([
  'not-open',
  'open',
  'waiting',
  'checking',
  'admitted',
  'denied',
  'in-call',
  'ended',
]);
export const EndReason = z.enum(['time-up', 'ended-by-staff', 'connection-lost', 'left']);
export const CallState = z
  .object({
    visitId: z.string(),
    status: CallStatus,
    opensAt: Instant,
    startsAt: Instant,
    endsAt: Instant,
    creditedSeconds: z.number().int(),
    denyReason: z.string().optional(),
    denyNote: z.string().optional(),
    endReason: EndReason.optional(),
    endNote: z.string().optional(),
    staffReason: z.string().optional(),
    prisonerReady: z.boolean(),
    knockedAt: Instant.optional(),
    warnings: z.array(Warning),
    mediaUrl: z.string().optional().openapi({
      description:
        'The media server the call will use, for the device check’s network test before admission (no token needed); absent when video calls are not configured',
    }),
  })
  .openapi('CallState');

/** Why a booked visit needs checking, as the family may see it (never the prison's own detail). */
export const FamilyReviewReason = z.enum([
  'prisoner-moved',
  'prisoner-away',
  'visit-conditions',
  'visitor-restricted',
  'prison-arrangements',
]);
export const VisitReview = z
  .object({
    reason: FamilyReviewReason.openapi({
      description:
        '`prisoner-moved`: the person was transferred; `prisoner-away`: temporarily out of the prison (court, hospital); `visit-conditions`: a new restriction or closed-visit requirement; `visitor-restricted`: a visitor on it is banned for that date; `prison-arrangements`: anything else the prison must check',
    }),
    since: Instant,
  })
  .openapi('VisitReview');

export const Visit = z
  .object({
    id: z.string(),
    reference: z.string().openapi({ example: 'K7M2QX9P' }),
    type: VisitType,
    status: z.enum(['booked', 'requested', 'cancelled', 'completed']),
    subStatus: z.string().openapi({ example: 'AUTO_APPROVED' }),
    start: Instant,
    end: Instant,
    prison: z.object({ code: z.string(), name: z.string(), timezone: z.string() }),
    prisoner: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
    visitors: z.array(
      z.object({
        id: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        dateOfBirth: z.string(),
        age: z.number().int(),
        lead: z.boolean(),
      }),
    ),
    supportNeeds: z.string().optional(),
    contact: z.object({
      email: z.string().optional(),
      phone: z.string().optional(),
      welshUpdates: z.boolean().optional(),
    }),
    cancellation: z.object({ reason: z.string(), note: z.string().optional(), at: Instant }).optional(),
    outcome: RecordedOutcome.optional(),
    callOutcome: CallOutcome.optional().openapi({
      description: 'how the video call ended (then `status` is `completed`); nothing may join or change it',
    }),
    call: z.object({ opensAt: Instant, endsAt: Instant }).optional(),
    legal: z.object({ firm: z.string() }).optional().openapi({
      description:
        "a legal visit (a solicitor's video visit) and the firm: never monitored; staff see the lobby only until admission",
    }),
    review: VisitReview.optional().openapi({
      description:
        'the prison must check this visit after a change it was told about (a transfer, a restriction…); it still stands until the prison keeps or cancels it',
    }),
    bookedByStaff: z
      .object({ method: z.enum(['phone']) })
      .optional()
      .openapi({ description: 'the prison’s staff booked it for the family (`phone`: a phone booking)' }),
  })
  .openapi('Visit');

/** What one side of a call sends about its connection (cumulative since it joined; `final` after the call). */
export const QualitySummary = z
  .object({
    final: z.boolean().openapi({ description: 'true: the summary sent as the call ended (no more come)' }),
    packetLossPercent: z.number().min(0).max(100),
    roundTripMs: z.number().int().min(0).max(60_000),
    bitrateKbps: z.number().int().min(0).max(100_000),
    freezes: z.number().int().min(0).max(100_000),
    reconnections: z.number().int().min(0).max(10_000),
  })
  .strict()
  .openapi('QualitySummary');
export const CallQuality = z
  .object({
    visitId: z.string(),
    creditedSeconds: z
      .number()
      .int()
      .openapi({ description: 'the lost-time credit the server gave the call' }),
    sides: z.array(
      QualitySummary.extend({ side: z.enum(['visitor', 'prisoner']), firstAt: Instant, updatedAt: Instant }),
    ),
  })
  .openapi('CallQuality');

export const StaffVisit = Visit.extend({
  prisoner: z.object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    prisonNumber: z.string().openapi({ description: 'to check identity against the booking' }),
  }),
  callState: CallState.optional(),
  knockedAt: Instant.optional(),
  links: z.record(z.string(), z.string()).openapi({ description: 'visitor id → relationship' }),
  leadEmail: z.string().optional(),
  review: VisitReview.extend({
    facts: z
      .array(
        z.object({
          eventId: z.string(),
          type: z.string().openapi({ description: 'the PrisonEvent type that put the visit in doubt' }),
          detail: z.string().openapi({ description: 'for staff only' }),
          at: Instant,
        }),
      )
      .openapi({ description: 'every reported fact that flagged it, oldest first' }),
  })
    .optional()
    .openapi({ description: 'needs checking: keep or cancel it (`POST /staff/visits/{visitId}/review`)' }),
}).openapi('StaffVisit');

export const CallToken = z
  .object({
    url: z.string(),
    token: z.string(),
    room: z.string(),
    kind: z.enum(['lobby', 'call']),
    identity: z.string(),
    endsAt: Instant,
  })
  .openapi('CallToken');
export const MonitorToken = z
  .object({ url: z.string(), token: z.string(), room: z.string(), identity: z.string() })
  .openapi('MonitorToken');
export const DenyRequest = z
  .object({
    reason: z.enum(['identity-not-confirmed', 'not-on-booking', 'behaviour', 'technical', 'other']),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('DenyRequest');
export const WarnRequest = z.object({ message: text(300) }).openapi('WarnRequest');
export const EndRequest = z
  .object({
    reason: z.enum(['behaviour', 'security', 'technical', 'requested', 'other']),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('EndRequest');
export const IncidentRequest = z.object({ note: text(2000) }).openapi('IncidentRequest');
export const Incident = z
  .object({ id: z.string(), visitId: z.string(), note: z.string(), at: Instant, by: z.string() })
  .openapi('Incident');
export const OutcomeRequest = z
  .object({
    outcome: Outcome,
    notes: z.string().trim().max(2000).optional(),
    amend: z.boolean().optional().openapi({
      description: 'replace an outcome already recorded (otherwise `409 already-recorded`)',
    }),
  })
  .openapi('OutcomeRequest');
export const DecisionRequest = z
  .object({ decision: Decision, reason: z.string().trim().max(500).optional() })
  .openapi('DecisionRequest');

export const PendingLink = z
  .object({
    id: z.string(),
    status: z.enum(['requested', 'approved', 'rejected']),
    relationship: z.string(),
    matched: z.boolean().openapi({ description: 'whether the details matched a person in this prison' }),
    visitor: z.object({
      id: z.string(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      dateOfBirth: z.string().optional(),
    }),
    claimed: z.object({
      prisonNumber: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      dateOfBirth: z.string(),
    }),
    prisoner: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }).optional(),
    createdAt: Instant,
  })
  .openapi('PendingLink');
export const PendingVisitor = LinkVisitor.extend({
  linkId: z.string(),
  prisonerId: z.string().optional(),
  leadVisitor: z
    .object({ id: z.string(), firstName: z.string().optional(), lastName: z.string().optional() })
    .openapi({ description: 'the family member who asked to bring this visitor' }),
  prisoner: z
    .object({ id: z.string(), firstName: z.string(), lastName: z.string(), prisonNumber: z.string() })
    .optional()
    .openapi({ description: 'absent while the lead visitor’s own link is unmatched' }),
}).openapi('PendingVisitor');
/** Pushed on the staff stream when something joins or leaves the approvals queue. */
export const ApprovalsChange = z
  .object({
    kind: z.enum(['link', 'visitor', 'booking']),
    id: z.string(),
    status: z.enum(['requested', 'approved', 'rejected', 'cancelled']),
  })
  .openapi('ApprovalsChange');
export const Approvals = z
  .object({ links: z.array(PendingLink), visitors: z.array(PendingVisitor), bookings: z.array(Visit) })
  .openapi('Approvals');
export const DecisionResult = z.object({ id: z.string(), status: z.string() }).openapi('DecisionResult');

export const Template = z
  .object({
    id: z.string(),
    type: VisitType,
    dayOfWeek: z.number().int(),
    startTime: z.string(),
    endTime: z.string(),
    validFrom: z.string(),
    validTo: z.string().optional(),
    capacity: z.number().int(),
    active: z.boolean(),
  })
  .openapi('SessionTemplate');
const templateShape = {
  type: VisitType,
  dayOfWeek: z.number().int().min(0).max(6),
  startTime: Time,
  endTime: Time,
  validFrom: DateString,
  validTo: DateString.nullable().optional(),
  capacity: z.number().int().min(1).max(1000),
};
export const TemplateCreate = z
  .object(templateShape)
  .refine((t) => t.startTime < t.endTime, { message: 'endTime must be after startTime', path: ['endTime'] })
  .openapi('SessionTemplateCreate');
export const TemplatePatch = z
  .object({
    dayOfWeek: templateShape.dayOfWeek.optional(),
    startTime: Time.optional(),
    endTime: Time.optional(),
    validFrom: DateString.optional(),
    validTo: DateString.nullable().optional(),
    capacity: templateShape.capacity.optional(),
  })
  .strict()
  .openapi('SessionTemplatePatch');
export const TemplateChange = z
  .object({ template: Template, affectedVisits: z.array(Visit) })
  .openapi('SessionTemplateChange');
export const ExcludedDate = z.object({ date: z.string(), reason: z.string() }).openapi('ExcludedDate');
export const ExcludedDateCreate = z
  .object({ date: DateString, reason: text(200) })
  .openapi('ExcludedDateCreate');
export const ExcludedDateChange = z
  .object({ excludedDate: ExcludedDate, affectedVisits: z.array(Visit) })
  .openapi('ExcludedDateChange');
export const DeviceCreate = z.object({ prisonerId: Id, label: text(100) }).openapi('DeviceCreate');
export const DevicePairing = z
  .object({ id: z.string(), pairingCode: z.string(), expiresAt: Instant })
  .openapi('DevicePairing');
export const Device = z
  .object({
    id: z.string(),
    label: z.string(),
    prisoner: z.object({
      id: z.string(),
      prisonNumber: z.string(),
      firstName: z.string(),
      lastName: z.string(),
    }),
    createdAt: Instant,
    pairedAt: Instant.optional().openapi({ description: 'When it was paired (absent while the code waits)' }),
    pairingExpiresAt: Instant,
    reusable: z.boolean().openapi({ description: 'A standing pairing code (demo kiosks)' }),
    lastSeenAt: Instant.optional().openapi({ description: 'Its last request, to the minute' }),
  })
  .openapi('Device');
export const AuditEntry = z
  .object({
    at: Instant,
    actor: z.string(),
    role: z.string(),
    action: z.string(),
    subject: z.string(),
    channel: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'down']),
    livekit: z.enum(['ok', 'down']),
  })
  .openapi('Health');

export const OutboxMessage = z
  .object({
    id: z.string(),
    to: z.string(),
    channel: z.enum(['email', 'sms']),
    subject: z.string(),
    text: z.string(),
    at: Instant,
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })),
  })
  .openapi('OutboxMessage');
export const DevVisitCreate = z
  .object({
    prisonerId: Id,
    visitorUserId: Id,
    startsInSeconds: z
      .number()
      .int()
      .min(-86_400)
      .max(86_400 * 60),
    durationSeconds: z.number().int().min(1).max(86_400),
    type: VisitType.default('video'),
    legalFirm: LegalFirm.optional(),
  })
  .openapi('DevVisitCreate');
