// The booking journey's plain rules past sign-in (booking-rules.ts has those): what each later form accepts, what
// the backend's problems with holding and booking mean, and the texts both the journey's actions
// (booking-journey.ts: announcements, errors) and the later screens (booking-steps.ts) build. Loaded with them.
// No Lit, no DOM, no network: unit-testable.
import type { VisitApiError } from '../../api/errors.js';
import type { ApprovedVisitor, Prison, PrisonerLink, Slot, VisitType } from '../../api/family.js';
import { ageOn } from '../../core/dates.js';
import { formatDay, formatTime } from '../../i18n/dates.js';
import { EMAIL, type ContactAnswers } from './booking-machine.js';
import { fieldErrorsFrom, type Translate } from './booking-rules.js';
import type { FormError } from '../shared/form-errors.js';

const UK_MOBILE = /^(?:\+44|0)7\d{9}$/;
export const SUPPORT_MAX = 500;
export const FIRM_MAX = 120;
/** The server's rule for a firm's name (LegalFirm in server/schemas.ts), so the family hears it before sending. */
const FIRM = /^[\p{L}\p{N}][\p{L}\p{N} &.,'()/-]*$/u;

export function personName(link: PrisonerLink): string {
  const { firstName, lastName, prisonNumber } = link.prisoner;
  return firstName || lastName ? `${firstName ?? ''} ${lastName ?? ''}`.trim() : prisonNumber;
}

export function noAllowanceText(
  t: Translate,
  locale: string,
  link: PrisonerLink,
  nextAllocation?: string,
): string {
  const name = personName(link);
  return nextAllocation
    ? t('booking.prisoner.noAllowance', { name, date: formatDay(locale, nextAllocation.slice(0, 10), 'UTC') })
    : t('booking.prisoner.noAllowanceNoDate', { name });
}

/** "4 minutes" / "30 seconds", rounded up (a hold never reads as over before it is). */
export function minutesText(t: Translate, ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds >= 60
    ? t('common.minutes', { count: Math.ceil(seconds / 60) })
    : t('common.seconds', { count: seconds });
}

export function slotText(t: Translate, locale: string, slot: Slot, timeZone: string): string {
  return `${formatDay(locale, slot.start, timeZone)}, ${t('calendar.timeRange', {
    start: formatTime(locale, slot.start, timeZone),
    end: formatTime(locale, slot.end, timeZone),
  })}`;
}

/** The visit types the family may choose: the prison's, narrowed by the integrator's `visit-type`. */
export function allowedTypes(prison: Prison | undefined, only?: VisitType): VisitType[] {
  const types = prison?.visitTypes ?? ['video', 'in-person'];
  return only ? types.filter((type) => type === only) : types;
}

/** The visit type and the chosen visitors against the prison's limits. */
export function visitorErrors(
  t: Translate,
  type: VisitType | undefined,
  chosen: ApprovedVisitor[],
  prison: Prison | undefined,
  today: string,
): FormError[] {
  const errors: FormError[] = [];
  if (!type) errors.push({ field: 'type', message: t('booking.visitors.typeMissing') });
  const limits = prison?.limits;
  const adultAge = limits?.adultAgeYears ?? 18;
  const adults = chosen.filter((visitor) => ageOn(visitor.dateOfBirth, today) >= adultAge);
  const children = chosen.length - adults.length;
  const visitors = (message: string) => errors.push({ field: 'visitors', message });
  if (!chosen.length) visitors(t('booking.visitors.missing'));
  else if (!adults.length) visitors(t('booking.visitors.needAdult', { age: adultAge }));
  else if (limits && chosen.length > limits.maxTotalVisitors)
    visitors(t('booking.visitors.tooMany', { count: limits.maxTotalVisitors }));
  else if (limits && adults.length > limits.maxAdultVisitors)
    visitors(t('booking.visitors.tooManyAdults', { count: limits.maxAdultVisitors }));
  else if (limits && children > limits.maxChildVisitors)
    visitors(t('booking.visitors.tooManyChildren', { count: limits.maxChildVisitors }));
  return errors;
}

export function detailsErrors(
  t: Translate,
  supportNeeds: string,
  contact: ContactAnswers,
  /** Only for a legal visit's time: the firm the legal professional works for. */
  legalFirm?: string,
): FormError[] {
  const errors: FormError[] = [];
  if (legalFirm !== undefined && !legalFirm)
    errors.push({ field: 'legalFirm', message: t('booking.details.firmMissing') });
  else if (legalFirm !== undefined && (legalFirm.length > FIRM_MAX || !FIRM.test(legalFirm)))
    errors.push({ field: 'legalFirm', message: t('booking.details.firmInvalid', { count: FIRM_MAX }) });
  if (supportNeeds.length > SUPPORT_MAX)
    errors.push({
      field: 'supportNeeds',
      message: t('booking.details.supportTooLong', { count: SUPPORT_MAX }),
    });
  if (!contact.byEmail && !contact.bySms)
    errors.push({ field: 'byEmail', message: t('booking.details.contactMissing') });
  if (contact.byEmail && !EMAIL.test(contact.email))
    errors.push({ field: 'contactEmail', message: t('booking.details.emailInvalid') });
  if (contact.bySms && !UK_MOBILE.test(contact.phone))
    errors.push({ field: 'phone', message: t('booking.details.phoneInvalid') });
  return errors;
}

// ——— reading the forms (FormData, so the rules stay testable without a page) ———

export function detailsFrom(data: FormData): {
  supportNeeds: string;
  contact: ContactAnswers;
  legalFirm?: string;
} {
  const firm = data.get('legalFirm');
  return {
    ...(firm === null ? {} : { legalFirm: String(firm).trim().replace(/\s+/g, ' ') }),
    supportNeeds: String(data.get('supportNeeds') ?? '').trim(),
    contact: {
      byEmail: data.get('byEmail') === 'on',
      email: String(data.get('contactEmail') ?? '').trim(),
      bySms: data.get('bySms') === 'on',
      phone: String(data.get('phone') ?? '').replace(/[\s()-]/g, ''),
      welshUpdates: data.get('welshUpdates') === 'on',
    },
  };
}

// ——— what the backend's problems mean for the family ———

/** What a problem from holding or booking a time does: the controller carries it out. */
export type BookingProblem =
  | { kind: 'slot-taken'; alternatives: Slot[]; report: string }
  | { kind: 'hold-expired'; report: string }
  | { kind: 'failure'; message: string; report: string }
  | { kind: 'fields'; errors: FormError[]; report?: string };

/** The problems holding and confirming share, each with its own explanation; undefined for the common ones. */
export function bookingProblem(
  t: Translate,
  locale: string,
  error: VisitApiError,
): BookingProblem | undefined {
  const problem = error.problem;
  switch (error.code) {
    case 'slot-unavailable': {
      const alternatives = Array.isArray(problem.alternatives) ? (problem.alternatives as Slot[]) : [];
      return { kind: 'slot-taken', alternatives, report: t('booking.slot.taken') };
    }
    case 'hold-expired':
      return { kind: 'hold-expired', report: t('booking.slot.holdExpired') };
    case 'no-allowance': {
      const next = typeof problem.nextAllocation === 'string' ? problem.nextAllocation : undefined;
      const message = next
        ? t('booking.error.noAllowance', { date: formatDay(locale, next.slice(0, 10), 'UTC') })
        : t('booking.error.noAllowanceNoDate');
      return { kind: 'failure', message, report: message };
    }
    case 'link-pending': {
      const message = t('booking.error.linkPending');
      return { kind: 'failure', message, report: message };
    }
    case 'visitor-limits': {
      const message = problem.detail ?? t('booking.error.visitorLimits');
      return { kind: 'fields', errors: [{ field: 'change-visitors', message }], report: message };
    }
    case 'validation':
      return {
        kind: 'fields',
        errors: fieldErrorsFrom(t, error, {
          visitorIds: 'change-visitors',
          supportNeeds: 'change-details',
          contact: 'change-contact',
          holdId: 'change-slot',
          slotId: 'slot',
        }),
      };
    default:
      return undefined;
  }
}
