// The rules of asking the prison to add someone (booking-requests.ts): linking a person the family visits, and
// adding someone who will visit. What each form accepts and how its fields are read. Loaded with those forms,
// not with the rest of the journey. No Lit, no DOM, no network: unit-testable.
import type { LinkDraft } from './booking-machine.js';
import type { Translate } from './booking-rules.js';
import type { FormError } from '../shared/form-errors.js';

const PRISON_NUMBER = /^[A-Z][0-9]{4}[A-Z]{2}$/;
/** The ids of the "add someone who will visit" fields start with this (the link form's have none). */
export const NEW_VISITOR_PREFIX = 'new-visitor-';

/** A date typed into day, month and year boxes. */
export type DateParts = Pick<LinkDraft, 'day' | 'month' | 'year'>;

/** The fields of "add someone who will visit" (ids, and the paths the contract names them by). */
export const NEW_VISITOR_FIELDS = {
  firstName: `${NEW_VISITOR_PREFIX}first-name`,
  lastName: `${NEW_VISITOR_PREFIX}last-name`,
  dateOfBirth: `${NEW_VISITOR_PREFIX}dob-day`,
  relationship: `${NEW_VISITOR_PREFIX}relationship`,
};

/** Whether one of the "Add someone who will visit" fields has an error (the visitors step keeps it open then). */
export function addVisitorHasErrors(errors: readonly FormError[]): boolean {
  const fields = Object.values(NEW_VISITOR_FIELDS);
  return errors.some((error) => fields.includes(error.field));
}

export function parseDateOfBirth(draft: DateParts): string | undefined {
  const day = Number(draft.day);
  const month = Number(draft.month);
  const year = Number(draft.year);
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year) || year < 1900)
    return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** Why a typed date of birth cannot be used, if it cannot (`today` in the family's UK date). */
export function dateOfBirthError(
  t: Translate,
  parts: DateParts,
  parsed: string | undefined,
  today: string,
): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return t('booking.link.dobMissing');
  if (!parsed) return t('booking.link.dobInvalid');
  if (parsed >= today) return t('booking.link.dobFuture');
  return undefined;
}

export function linkRequestErrors(t: Translate, draft: LinkDraft, today: string): FormError[] {
  const errors: FormError[] = [];
  if (!draft.prisonCode) errors.push({ field: 'prisonCode', message: t('booking.link.prisonMissing') });
  if (!draft.prisonNumber) errors.push({ field: 'prisonNumber', message: t('booking.link.numberMissing') });
  else if (!PRISON_NUMBER.test(draft.prisonNumber))
    errors.push({ field: 'prisonNumber', message: t('booking.link.numberInvalid') });
  if (!draft.firstName) errors.push({ field: 'firstName', message: t('booking.link.firstNameMissing') });
  if (!draft.lastName) errors.push({ field: 'lastName', message: t('booking.link.lastNameMissing') });
  const dobError = dateOfBirthError(t, draft, parseDateOfBirth(draft), today);
  if (dobError) errors.push({ field: 'dob-day', message: dobError });
  if (!draft.relationship)
    errors.push({ field: 'relationship', message: t('booking.link.relationshipMissing') });
  return errors;
}

export interface NewVisitor {
  firstName: string;
  lastName: string;
  parts: DateParts;
  relationship: string;
}

export function newVisitorErrors(t: Translate, visitor: NewVisitor, today: string): FormError[] {
  const errors: FormError[] = [];
  if (!visitor.firstName)
    errors.push({ field: NEW_VISITOR_FIELDS.firstName, message: t('booking.link.firstNameMissing') });
  if (!visitor.lastName)
    errors.push({ field: NEW_VISITOR_FIELDS.lastName, message: t('booking.link.lastNameMissing') });
  const dobError = dateOfBirthError(t, visitor.parts, parseDateOfBirth(visitor.parts), today);
  if (dobError) errors.push({ field: NEW_VISITOR_FIELDS.dateOfBirth, message: dobError });
  if (!visitor.relationship)
    errors.push({
      field: NEW_VISITOR_FIELDS.relationship,
      message: t('booking.visitors.add.relationshipMissing'),
    });
  return errors;
}

export function linkDraftFrom(data: FormData, presetPrison?: string): LinkDraft {
  const get = (name: string) => String(data.get(name) ?? '').trim();
  return {
    prisonCode: presetPrison ?? get('prisonCode'),
    prisonNumber: get('prisonNumber').toUpperCase().replace(/\s+/g, ''),
    firstName: get('firstName'),
    lastName: get('lastName'),
    day: get('dob-day'),
    month: get('dob-month'),
    year: get('dob-year'),
    relationship: get('relationship'),
  };
}

export function newVisitorFrom(data: FormData): NewVisitor {
  const get = (name: string) => String(data.get(name) ?? '').trim();
  return {
    firstName: get(NEW_VISITOR_FIELDS.firstName),
    lastName: get(NEW_VISITOR_FIELDS.lastName),
    parts: {
      day: get(`${NEW_VISITOR_PREFIX}dob-day`),
      month: get(`${NEW_VISITOR_PREFIX}dob-month`),
      year: get(`${NEW_VISITOR_PREFIX}dob-year`),
    },
    relationship: get(NEW_VISITOR_FIELDS.relationship),
  };
}
