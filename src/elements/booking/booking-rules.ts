// The booking journey's plain rules for its first screens (sign-in, the emailed code) and the piece every step
// shares: what those forms accept, and the backend's field errors on a form. The later
// screens' rules are in booking-journey-rules.ts, loaded with them. No Lit, no DOM, no network: unit-testable.
import type { VisitApiError } from '../../api/errors.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import { EMAIL } from './booking-machine.js';
import type { FormError } from '../shared/form-errors.js';

export type Translate = (key: MessageKey, variables?: Variables) => string;

export function emailErrors(t: Translate, email: string): FormError[] {
  if (!email) return [{ field: 'email', message: t('booking.signIn.emailMissing') }];
  if (!EMAIL.test(email)) return [{ field: 'email', message: t('booking.signIn.emailInvalid') }];
  return [];
}

export function codeErrors(t: Translate, code: string): FormError[] {
  if (!code) return [{ field: 'code', message: t('booking.code.missing') }];
  if (!/^\d{6}$/.test(code)) return [{ field: 'code', message: t('booking.code.format') }];
  return [];
}

/** The backend's field errors on this form's fields (by contract path), or its detail on the first field. */
export function fieldErrorsFrom(
  t: Translate,
  error: VisitApiError,
  fields: Record<string, string>,
): FormError[] {
  const mapped = error.fieldErrors.map((item) => ({
    field: fields[item.path] ?? fields[item.path.split('.')[0] ?? ''] ?? Object.values(fields)[0]!,
    message: item.message,
  }));
  return mapped.length
    ? mapped
    : [{ field: Object.values(fields)[0]!, message: error.problem.detail ?? t('common.unexpectedError') }];
}
