// The booking journey's later screens (asking to link a person, visitors, date and time, details, check
// answers, confirmation) and their actions. <visit-booking> loads this module with import() after its first
// screen has rendered, so a page shows the journey without downloading the rest of it.
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitBookedEvent } from '../../core/events/visit-booked.js';
import { tag } from '../../core/tags.js';
import { formatDay, formatTime, zoneCity } from '../../i18n/dates.js';
import type { VisitBooking } from './booking.js';
import {
  EMAIL,
  EMPTY_DRAFT,
  type BookingState,
  type ContactAnswers,
  type LinkDraft,
} from './booking-machine.js';
import type { CalendarSelectEvent } from '../shared/calendar-select.js';
import { ageOn, todayIn } from '../../core/dates.js';
import {
  createBooking,
  createHold,
  downloadCalendar,
  requestLink,
  requestVisitor,
  type ApprovedVisitor,
  type LinkRequest,
  type Prison,
  type Slot,
  type VisitType,
  type VisitorRequest,
} from '../../api/family.js';
import { describedBy, errorFor, renderFieldError, type FormError } from '../shared/form-errors.js';
import { renderSlotTaken } from '../shared/slot-taken.js';

const PRISON_NUMBER = /^[A-Z][0-9]{4}[A-Z]{2}$/;

/** A date typed into day, month and year boxes. */
type DateParts = Pick<LinkDraft, 'day' | 'month' | 'year'>;

/** The fields of "add someone who will visit" (ids, and the paths the contract names them by). */
const NEW_VISITOR_FIELDS = {
  firstName: 'new-visitor-first-name',
  lastName: 'new-visitor-last-name',
  dateOfBirth: 'new-visitor-dob-day',
  relationship: 'new-visitor-relationship',
};
const UK_MOBILE = /^(?:\+44|0)7\d{9}$/;
const SUPPORT_MAX = 500;

/** The screen for one of the later views (the element renders sign-in, code and person itself). */
export function renderLaterView(host: VisitBooking, machine: BookingState): TemplateResult {
  switch (machine.view) {
    case 'link-request':
      return renderLinkRequest(host);
    case 'link-pending':
      return renderLinkPending(host);
    case 'visitors':
      return renderVisitors(host, machine);
    case 'slot':
      return renderSlot(host, machine);
    case 'details':
      return renderDetails(host, machine);
    case 'check':
      return renderCheck(host, machine);
    default:
      return renderConfirmation(host, machine);
  }
}

function onLinkRequest(host: VisitBooking, event: SubmitEvent): void {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  const get = (name: string) => String(data.get(name) ?? '').trim();
  const draft: LinkDraft = {
    prisonCode: host.prison ?? get('prisonCode'),
    prisonNumber: get('prisonNumber').toUpperCase().replace(/\s+/g, ''),
    firstName: get('firstName'),
    lastName: get('lastName'),
    day: get('dob-day'),
    month: get('dob-month'),
    year: get('dob-year'),
    relationship: get('relationship'),
  };
  host.linkDraft = draft;
  const errors: FormError[] = [];
  if (!draft.prisonCode) errors.push({ field: 'prisonCode', message: host.t('booking.link.prisonMissing') });
  if (!draft.prisonNumber)
    errors.push({ field: 'prisonNumber', message: host.t('booking.link.numberMissing') });
  else if (!PRISON_NUMBER.test(draft.prisonNumber))
    errors.push({ field: 'prisonNumber', message: host.t('booking.link.numberInvalid') });
  if (!draft.firstName) errors.push({ field: 'firstName', message: host.t('booking.link.firstNameMissing') });
  if (!draft.lastName) errors.push({ field: 'lastName', message: host.t('booking.link.lastNameMissing') });
  const dateOfBirth = parseDateOfBirth(draft);
  const dobError = dateOfBirthError(host, draft, dateOfBirth);
  if (dobError) errors.push({ field: 'dob-day', message: dobError });
  if (!draft.relationship)
    errors.push({ field: 'relationship', message: host.t('booking.link.relationshipMissing') });
  if (errors.length) return host.showErrors(errors);
  const body: LinkRequest = {
    prisonCode: draft.prisonCode,
    prisonNumber: draft.prisonNumber,
    firstName: draft.firstName,
    lastName: draft.lastName,
    dateOfBirth: dateOfBirth!,
    relationship: draft.relationship,
  };
  void sendLinkRequest(host, body);
}

async function sendLinkRequest(host: VisitBooking, body: LinkRequest): Promise<void> {
  await host.run(async () => {
    try {
      await requestLink(host.activeClient!, body, host.actionSignal);
      host.dispatch({ type: 'link-requested' });
    } catch (error) {
      if (error instanceof VisitApiError && error.code === 'validation') {
        host.showErrors(
          host.fieldErrorsFrom(error, {
            prisonCode: 'prisonCode',
            prisonNumber: 'prisonNumber',
            firstName: 'firstName',
            lastName: 'lastName',
            dateOfBirth: 'dob-day',
            relationship: 'relationship',
          }),
        );
      } else if (error instanceof VisitApiError && error.code === 'rate-limited') {
        const message = host.t('booking.link.rateLimited');
        host.failure = { message };
        host.report(error.code, message);
      } else if (!host.handleCommon(error, () => void sendLinkRequest(host, body))) {
        host.failure = { message: host.describeError(error) };
      }
    }
  });
}

/** Why a typed date of birth cannot be used, if it cannot. */
function dateOfBirthError(
  host: VisitBooking,
  parts: DateParts,
  parsed: string | undefined,
): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return host.t('booking.link.dobMissing');
  if (!parsed) return host.t('booking.link.dobInvalid');
  if (parsed >= todayIn('Europe/London', host.clock.now())) return host.t('booking.link.dobFuture');
  return undefined;
}

function parseDateOfBirth(draft: DateParts): string | undefined {
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

function allowedTypes(host: VisitBooking, prison: Prison | undefined): VisitType[] {
  const types = prison?.visitTypes ?? ['video', 'in-person'];
  return host.visitType ? types.filter((type) => type === host.visitType) : types;
}

function onChooseVisitors(host: VisitBooking, event: SubmitEvent, visitors: ApprovedVisitor[]): void {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  const prison = host.currentPrison;
  const types = allowedTypes(host, prison);
  const type = (types.length === 1 ? types[0] : (data.get('type') as VisitType | null)) ?? undefined;
  const ids = data.getAll('visitor').map(String);
  const chosen = visitors.filter((visitor) => ids.includes(visitor.id));
  const errors: FormError[] = [];
  if (!type) errors.push({ field: 'type', message: host.t('booking.visitors.typeMissing') });
  const limits = prison?.limits;
  const today = todayIn(prison?.timezone ?? 'Europe/London', host.clock.now());
  const adults = chosen.filter(
    (visitor) => ageOn(visitor.dateOfBirth, today) >= (limits?.adultAgeYears ?? 18),
  );
  const children = chosen.length - adults.length;
  if (!chosen.length) errors.push({ field: 'visitors', message: host.t('booking.visitors.missing') });
  else if (!adults.length)
    errors.push({
      field: 'visitors',
      message: host.t('booking.visitors.needAdult', { age: limits?.adultAgeYears ?? 18 }),
    });
  else if (limits && chosen.length > limits.maxTotalVisitors)
    errors.push({
      field: 'visitors',
      message: host.t('booking.visitors.tooMany', { count: limits.maxTotalVisitors }),
    });
  else if (limits && adults.length > limits.maxAdultVisitors)
    errors.push({
      field: 'visitors',
      message: host.t('booking.visitors.tooManyAdults', { count: limits.maxAdultVisitors }),
    });
  else if (limits && children > limits.maxChildVisitors)
    errors.push({
      field: 'visitors',
      message: host.t('booking.visitors.tooManyChildren', { count: limits.maxChildVisitors }),
    });
  if (errors.length) return host.showErrors(errors);
  host.dispatch({ type: 'choose-visitors', visitType: type!, visitorIds: ids });
}

function onSlotContinue(host: VisitBooking, event: SubmitEvent): void {
  event.preventDefault();
  const machine = host.machine!;
  const slot = host.pendingSlot ?? machine.answers.slot;
  if (!slot) return host.showErrors([{ field: 'slot', message: host.t('booking.slot.missing') }]);
  const hold = machine.answers.hold;
  if (hold && hold.slotId === slot.id && Date.parse(hold.expiresAt) > host.clock.now()) {
    host.dispatch({ type: 'held', slot, hold });
    return;
  }
  void holdSlot(host, slot);
}

async function holdSlot(host: VisitBooking, slot: Slot): Promise<void> {
  const { prisonerId } = host.machine!.answers;
  await host.run(async () => {
    try {
      const hold = await createHold(
        host.activeClient!,
        { prisonerId: prisonerId!, slotId: slot.id },
        host.actionSignal,
      );
      host.dispatch({ type: 'held', slot, hold });
      host.announce(
        host.t('booking.hold.started', {
          time: host.minutesText(Date.parse(hold.expiresAt) - host.clock.now()),
        }),
      );
    } catch (error) {
      if (!handleBookingProblem(host, error, () => void holdSlot(host, slot))) {
        host.failure = { message: host.describeError(error) };
      }
    }
  });
}

/** Problems shared by holding and confirming: each gets its own explanation and way forward. */
function handleBookingProblem(host: VisitBooking, error: unknown, retry: () => void): boolean {
  if (!(error instanceof VisitApiError)) return host.handleCommon(error, retry);
  const problem = error.problem;
  switch (error.code) {
    case 'slot-unavailable': {
      const alternatives = Array.isArray(problem.alternatives) ? (problem.alternatives as Slot[]) : [];
      host.dispatch({ type: 'slot-taken', alternatives });
      host.availabilityTask.run();
      host.report(error.code, host.t('booking.slot.taken'));
      host.focusHeadingNext();
      return true;
    }
    case 'hold-expired':
      host.dispatch({ type: 'hold-expired' });
      host.report(error.code, host.t('booking.slot.holdExpired'));
      host.focusHeadingNext();
      return true;
    case 'no-allowance': {
      const next = typeof problem.nextAllocation === 'string' ? problem.nextAllocation : undefined;
      const message = next
        ? host.t('booking.error.noAllowance', { date: formatDay(host.locale, next.slice(0, 10), 'UTC') })
        : host.t('booking.error.noAllowanceNoDate');
      host.failure = { message };
      host.report(error.code, message);
      return true;
    }
    case 'link-pending': {
      const message = host.t('booking.error.linkPending');
      host.failure = { message };
      host.report(error.code, message);
      return true;
    }
    case 'visitor-limits': {
      const message = error.problem.detail ?? host.t('booking.error.visitorLimits');
      host.showErrors([{ field: 'change-visitors', message }]);
      host.report(error.code, message);
      return true;
    }
    case 'validation':
      host.showErrors(
        host.fieldErrorsFrom(error, {
          visitorIds: 'change-visitors',
          supportNeeds: 'change-details',
          contact: 'change-contact',
          holdId: 'change-slot',
          slotId: 'slot',
        }),
      );
      return true;
    default:
      return host.handleCommon(error, retry);
  }
}

function onDetails(host: VisitBooking, event: SubmitEvent): void {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  const contact: ContactAnswers = {
    byEmail: data.get('byEmail') === 'on',
    email: String(data.get('contactEmail') ?? '').trim(),
    bySms: data.get('bySms') === 'on',
    phone: String(data.get('phone') ?? '').replace(/[\s()-]/g, ''),
    welshUpdates: data.get('welshUpdates') === 'on',
  };
  const supportNeeds = String(data.get('supportNeeds') ?? '').trim();
  const errors: FormError[] = [];
  if (supportNeeds.length > SUPPORT_MAX)
    errors.push({
      field: 'supportNeeds',
      message: host.t('booking.details.supportTooLong', { count: SUPPORT_MAX }),
    });
  if (!contact.byEmail && !contact.bySms)
    errors.push({ field: 'byEmail', message: host.t('booking.details.contactMissing') });
  if (contact.byEmail && !EMAIL.test(contact.email))
    errors.push({ field: 'contactEmail', message: host.t('booking.details.emailInvalid') });
  if (contact.bySms && !UK_MOBILE.test(contact.phone))
    errors.push({ field: 'phone', message: host.t('booking.details.phoneInvalid') });
  // Keep what was typed even when it is not valid yet.
  host.machine = { ...host.machine!, answers: { ...host.machine!.answers, supportNeeds, contact } };
  if (errors.length) return host.showErrors(errors);
  host.dispatch({ type: 'details', supportNeeds, contact });
}

async function confirm(host: VisitBooking): Promise<void> {
  host.dispatch({ type: 'confirm', key: crypto.randomUUID() });
  const { answers, confirmKey } = host.machine!;
  if (!answers.hold || !confirmKey) return;
  const contact = answers.contact;
  const body = {
    holdId: answers.hold.id,
    visitorIds: answers.visitorIds,
    ...(answers.supportNeeds ? { supportNeeds: answers.supportNeeds } : {}),
    contact: {
      ...(contact.byEmail ? { email: contact.email } : {}),
      ...(contact.bySms ? { phone: contact.phone } : {}),
      welshUpdates: contact.welshUpdates,
    },
  };
  host.errors = [];
  await host.run(async () => {
    try {
      const visit = await createBooking(host.activeClient!, body, confirmKey, host.actionSignal);
      host.dispatch({ type: 'booked', visit });
      host.announce(host.t(visit.status === 'requested' ? 'booking.done.requested' : 'booking.done.booked'));
      host.dispatchEvent(
        new VisitBookedEvent({
          reference: visit.reference,
          start: visit.start,
          end: visit.end,
          type: visit.type,
        }),
      );
    } catch (error) {
      const retryable = error instanceof VisitApiError ? error.retryable : true;
      host.dispatch({ type: 'confirm-failed', retryable });
      if (error instanceof VisitApiError && error.status === 0 && error.code === 'network') {
        const message = host.t('booking.check.networkLost');
        host.failure = { message, retry: () => void confirm(host) };
        host.report(error.code, message);
        return;
      }
      if (!handleBookingProblem(host, error, () => void confirm(host))) {
        host.failure = { message: host.describeError(error) };
      }
    }
  });
}

async function addToCalendar(host: VisitBooking): Promise<void> {
  const visit = host.machine?.visit;
  if (!visit) return;
  await host.run(async () => {
    try {
      const blob = await downloadCalendar(host.activeClient!, visit.id, host.actionSignal);
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/calendar' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `visit-${visit.reference}.ics`;
      link.hidden = true;
      host.renderRoot.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      host.announce(host.t('booking.done.calendarSaved'));
    } catch (error) {
      if (!host.handleCommon(error, () => void addToCalendar(host)))
        host.failure = { message: host.describeError(error) };
    }
  });
}

function renderLinkRequest(host: VisitBooking) {
  const draft = host.linkDraft;
  const prisons = host.prisonsTask.value ?? [];
  const presetPrison = host.prison ? prisons.find((prison) => prison.code === host.prison) : undefined;
  const prisonError = errorFor(host.errors, 'prisonCode');
  return html`${host.renderHeader(host.t('booking.link.title'))}
    <p>${host.t('booking.link.intro')}</p>
    <form novalidate @submit=${(event: SubmitEvent) => onLinkRequest(host, event)}>
      ${
        host.prison
          ? html`<p>
              <strong>${host.t('booking.link.prison')}:</strong> ${presetPrison?.name ?? host.prison}
            </p>`
          : html`<div class="field ${prisonError ? 'field--error' : ''}">
              <label for="prisonCode">${host.t('booking.link.prison')}</label>
              ${renderFieldError('prisonCode', prisonError, host.t('form.errorPrefix'))}
              <select
                id="prisonCode"
                name="prisonCode"
                aria-invalid=${prisonError ? 'true' : 'false'}
                aria-describedby=${describedBy('prisonCode', false, prisonError)}
              >
                <option value="">${host.t('booking.link.choosePrison')}</option>
                ${prisons.map(
                  (prison) =>
                    html`<option value=${prison.code} ?selected=${prison.code === draft.prisonCode}>
                      ${prison.name}
                    </option>`,
                )}
              </select>
            </div>`
      }
      ${host.renderTextField('prisonNumber', host.t('booking.link.number'), draft.prisonNumber, {
        hint: host.t('booking.link.numberHint'),
        autocomplete: 'off',
        spellcheck: false,
      })}
      ${host.renderTextField('firstName', host.t('booking.link.firstName'), draft.firstName, { spellcheck: false })}
      ${host.renderTextField('lastName', host.t('booking.link.lastName'), draft.lastName, { spellcheck: false })}
      ${renderDateOfBirth(host, 'dob', draft)}
      ${host.renderTextField('relationship', host.t('booking.link.relationship'), draft.relationship, {
        hint: host.t('booking.link.relationshipHint'),
      })}
      ${host.renderSubmit('booking.link.send')}
    </form>`;
}

/** Day, month and year boxes (GOV.UK date input); fields `<prefix>-day|month|year`, errors on `<prefix>-day`. */
function renderDateOfBirth(host: VisitBooking, prefix: string, values: DateParts) {
  const error = errorFor(host.errors, `${prefix}-day`);
  return html`<fieldset
    class="field ${error ? 'field--error' : ''}"
    role="group"
    aria-describedby="${prefix}-hint${error ? ` ${prefix}-day-error` : ''}"
  >
    <legend>${host.t('booking.link.dob')}</legend>
    <span class="hint" id="${prefix}-hint">${host.t('booking.link.dobHint')}</span>
    ${renderFieldError(`${prefix}-day`, error, host.t('form.errorPrefix'))}
    <div class="date-input">
      ${(['day', 'month', 'year'] as const).map(
        (part) =>
          html`<div class="item">
            <label for="${prefix}-${part}">${host.t(`booking.link.dob.${part}`)}</label>
            <input
              id="${prefix}-${part}"
              name="${prefix}-${part}"
              type="text"
              inputmode="numeric"
              .value=${values[part]}
              aria-invalid=${error ? 'true' : 'false'}
            />
          </div>`,
      )}
    </div>
  </fieldset>`;
}

function renderLinkPending(host: VisitBooking) {
  const draft = host.linkDraft;
  const prison = host.prisonsTask.value?.find((item) => item.code === draft.prisonCode);
  return html`${host.renderHeader(host.t('booking.pending.title'))}
    <div class="notice" part="notice pending">
      <p>
        ${host.t('booking.pending.body', {
          name: `${draft.firstName} ${draft.lastName}`,
          prison: prison?.name ?? draft.prisonCode,
        })}
      </p>
      <p>${host.t('booking.pending.next')}</p>
    </div>
    <button
      type="button"
      class="button"
      data-variant="secondary"
      @click=${() => {
        host.linkDraft = { ...EMPTY_DRAFT };
        host.dispatch({ type: 'back' });
        host.dispatch({ type: 'back' });
      }}
    >
      ${host.t('booking.pending.backToPeople')}
    </button>`;
}

function renderLimits(host: VisitBooking, prison: Prison | undefined) {
  if (!prison) return nothing;
  const { maxTotalVisitors, maxAdultVisitors, maxChildVisitors, adultAgeYears } = prison.limits;
  return html`<div class="hint" id="visitors-hint">
    <p>${host.t('booking.visitors.limitsIntro', { prison: prison.name })}</p>
    <ul class="limits">
      <li>${host.t('booking.visitors.limitTotal', { count: maxTotalVisitors })}</li>
      <li>${host.t('booking.visitors.limitAdults', { count: maxAdultVisitors, age: adultAgeYears })}</li>
      <li>${host.t('booking.visitors.limitChildren', { count: maxChildVisitors, age: adultAgeYears })}</li>
      <li>${host.t('booking.visitors.limitOneAdult', { age: adultAgeYears })}</li>
    </ul>
  </div>`;
}

function renderVisitors(host: VisitBooking, machine: BookingState) {
  const prison = host.currentPrison;
  const types = allowedTypes(host, prison);
  const typeError = errorFor(host.errors, 'type');
  const visitorsError = errorFor(host.errors, 'visitors');
  const complete = (visitors: ApprovedVisitor[]) => {
    if (host.visitorsTask.status === TaskStatus.COMPLETE) refreshingVisitors.delete(host);
    const today = todayIn(prison?.timezone ?? 'Europe/London', host.clock.now());
    const adultAge = prison?.limits.adultAgeYears ?? 18;
    const chosen = machine.answers.visitorIds.length
      ? machine.answers.visitorIds
      : visitors.filter((visitor) => visitor.lead).map((visitor) => visitor.id);
    const listed = visitors.filter((visitor) => visitor.status !== 'rejected');
    return html`<form novalidate @submit=${(event: SubmitEvent) => onChooseVisitors(host, event, visitors)}>
        ${
          types.length === 1
            ? html`<p>
                <strong>${host.t('booking.visitors.type')}:</strong>
                ${host.t(`common.visitType.${types[0]!}`)}
              </p>`
            : html`<fieldset
                class="field ${typeError ? 'field--error' : ''}"
                aria-describedby=${typeError ? 'type-error' : nothing}
              >
                <legend>${host.t('booking.visitors.typeQuestion')}</legend>
                ${renderFieldError('type', typeError, host.t('form.errorPrefix'))}
                ${types.map(
                  (type, index) =>
                    html`<div class="choice">
                      <input
                        type="radio"
                        name="type"
                        id=${index === 0 ? 'type' : `type-${type}`}
                        value=${type}
                        .checked=${machine.answers.type === type}
                      />
                      <label for=${index === 0 ? 'type' : `type-${type}`}
                        >${host.t(`common.visitType.${type}`)}</label
                      >
                    </div>`,
                )}
              </fieldset>`
        }
        <fieldset
          class="field ${visitorsError ? 'field--error' : ''}"
          aria-describedby="visitors-hint${visitorsError ? ' visitors-error' : ''}"
        >
          <legend>${host.t('booking.visitors.question')}</legend>
          ${renderLimits(host, prison)}
          ${renderFieldError('visitors', visitorsError, host.t('form.errorPrefix'))}
          ${listed.map((visitor) => {
            const age = ageOn(visitor.dateOfBirth, today);
            const banned = visitor.bannedUntil && visitor.bannedUntil.slice(0, 10) > today;
            const waiting = visitor.status === 'requested';
            const note = banned
              ? host.t('booking.visitors.banned', {
                  date: formatDay(host.locale, visitor.bannedUntil!.slice(0, 10), 'UTC'),
                })
              : waiting
                ? host.t('booking.visitors.waiting')
                : '';
            const ageText =
              age >= adultAge
                ? host.t('booking.visitors.adultAge', { count: age })
                : host.t('booking.visitors.childAge', { count: age });
            return html`<div class="choice">
              <input
                type="checkbox"
                name="visitor"
                id="visitor-${visitor.id}"
                data-field="visitors"
                value=${visitor.id}
                ?disabled=${Boolean(banned || waiting)}
                .checked=${!banned && !waiting && chosen.includes(visitor.id)}
                aria-describedby="visitor-${visitor.id}-hint"
              />
              <label for="visitor-${visitor.id}">
                ${visitor.firstName}
                ${visitor.lastName}${visitor.lead ? ` (${host.t('booking.visitors.you')})` : ''}
                <span class="hint" id="visitor-${visitor.id}-hint"
                  >${ageText}${note ? html`. ${note}` : nothing}</span
                >
              </label>
            </div>`;
          })}
        </fieldset>
        ${host.renderSubmit()}
      </form>
      ${machine.answers.linkId ? renderAddVisitor(host, machine.answers.linkId) : nothing}`;
  };
  return html`${host.renderHeader(host.t('booking.visitors.title'))}
  ${host.visitorsTask.render({
    initial: () => host.renderLoading(),
    // a refresh after adding someone keeps the list, and what was ticked, on screen
    pending: () =>
      refreshingVisitors.has(host) && host.visitorsTask.value
        ? complete(host.visitorsTask.value)
        : host.renderLoading(),
    error: (error) => host.renderLoadError(error, () => host.visitorsTask.run()),
    complete,
  })}`;
}

/** Journeys reloading their visitor list after adding someone (the list stays on screen meanwhile). */
const refreshingVisitors = new WeakSet<VisitBooking>();

/** "Add someone who will visit": a request the prison approves before they can be chosen. */
function renderAddVisitor(host: VisitBooking, linkId: string) {
  const fields = Object.values(NEW_VISITOR_FIELDS);
  const open = host.errors.some((error) => fields.includes(error.field));
  return html`<details class="add-visitor" part="add-visitor" ?open=${open}>
    <summary>${host.t('booking.visitors.add.title')}</summary>
    <p class="hint">${host.t('booking.visitors.add.intro')}</p>
    <form novalidate @submit=${(event: SubmitEvent) => onAddVisitor(host, event, linkId)}>
      ${host.renderTextField(NEW_VISITOR_FIELDS.firstName, host.t('booking.link.firstName'), '', {
        spellcheck: false,
        autocomplete: 'off',
      })}
      ${host.renderTextField(NEW_VISITOR_FIELDS.lastName, host.t('booking.link.lastName'), '', {
        spellcheck: false,
        autocomplete: 'off',
      })}
      ${renderDateOfBirth(host, 'new-visitor-dob', { day: '', month: '', year: '' })}
      ${host.renderTextField(
        NEW_VISITOR_FIELDS.relationship,
        host.t('booking.visitors.add.relationship'),
        '',
        {
          hint: host.t('booking.visitors.add.relationshipHint'),
        },
      )}
      ${host.renderSubmit('booking.visitors.add.send', 'booking.working', 'secondary')}
    </form>
  </details>`;
}

function onAddVisitor(host: VisitBooking, event: SubmitEvent, linkId: string): void {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  const get = (name: string) => String(data.get(name) ?? '').trim();
  const parts = {
    day: get('new-visitor-dob-day'),
    month: get('new-visitor-dob-month'),
    year: get('new-visitor-dob-year'),
  };
  const body = {
    firstName: get(NEW_VISITOR_FIELDS.firstName),
    lastName: get(NEW_VISITOR_FIELDS.lastName),
    dateOfBirth: parseDateOfBirth(parts) ?? '',
    relationship: get(NEW_VISITOR_FIELDS.relationship),
  };
  const errors: FormError[] = [];
  if (!body.firstName)
    errors.push({ field: NEW_VISITOR_FIELDS.firstName, message: host.t('booking.link.firstNameMissing') });
  if (!body.lastName)
    errors.push({ field: NEW_VISITOR_FIELDS.lastName, message: host.t('booking.link.lastNameMissing') });
  const dobError = dateOfBirthError(host, parts, body.dateOfBirth || undefined);
  if (dobError) errors.push({ field: NEW_VISITOR_FIELDS.dateOfBirth, message: dobError });
  if (!body.relationship)
    errors.push({
      field: NEW_VISITOR_FIELDS.relationship,
      message: host.t('booking.visitors.add.relationshipMissing'),
    });
  if (errors.length) return host.showErrors(errors);
  void sendVisitorRequest(host, form, linkId, body);
}

async function sendVisitorRequest(
  host: VisitBooking,
  form: HTMLFormElement,
  linkId: string,
  body: VisitorRequest,
): Promise<void> {
  await host.run(async () => {
    try {
      await requestVisitor(host.activeClient!, linkId, body, host.actionSignal);
      host.showErrors([]);
      form.reset();
      const details = form.closest('details');
      details?.removeAttribute('open');
      details?.querySelector('summary')?.focus();
      refreshingVisitors.add(host);
      void host.visitorsTask.run();
      host.announce(host.t('booking.visitors.add.sent', { name: `${body.firstName} ${body.lastName}` }));
    } catch (error) {
      if (error instanceof VisitApiError && error.code === 'validation')
        host.showErrors(host.fieldErrorsFrom(error, NEW_VISITOR_FIELDS));
      else if (!host.handleCommon(error, () => void sendVisitorRequest(host, form, linkId, body)))
        host.failure = { message: host.describeError(error) };
    }
  });
}

function renderHold(host: VisitBooking, machine: BookingState) {
  const { hold } = machine.answers;
  if (!hold) return nothing;
  const timeZone = host.currentPrison?.timezone ?? 'Europe/London';
  const left = Date.parse(hold.expiresAt) - host.now;
  return html`<div class="notice" part="notice hold">
    <p class="hold">
      ${host.t('booking.hold.text', {
        date: formatDay(host.locale, hold.start, timeZone),
        time: formatTime(host.locale, hold.start, timeZone),
        expires: formatTime(host.locale, hold.expiresAt, timeZone),
        left: host.minutesText(left),
      })}
    </p>
    <p>${host.t('booking.hold.after')}</p>
  </div>`;
}

function slotText(host: VisitBooking, slot: Slot, timeZone: string): string {
  return `${formatDay(host.locale, slot.start, timeZone)}, ${host.t('calendar.timeRange', {
    start: formatTime(host.locale, slot.start, timeZone),
    end: formatTime(host.locale, slot.end, timeZone),
  })}`;
}

function renderSlot(host: VisitBooking, machine: BookingState) {
  const prison = host.currentPrison;
  const timeZone = prison?.timezone ?? 'Europe/London';
  const notice = machine.notice;
  const slotError = errorFor(host.errors, 'slot');
  return html`${host.renderHeader(host.t('booking.slot.title'))}
    ${
      notice?.kind === 'hold-expired'
        ? html`<div class="notice" data-tone="danger" part="notice">
            <p>${host.t('booking.slot.holdExpired')}</p>
          </div>`
        : nothing
    }
    ${
      notice?.kind === 'slot-taken'
        ? renderSlotTaken({
            t: (key) => host.t(key),
            alternatives: notice.alternatives,
            busy: host.busy,
            label: (slot) => host.t('booking.slot.holdAlternative', { slot: slotText(host, slot, timeZone) }),
            choose: (slot) => void holdSlot(host, slot),
          })
        : nothing
    }
    <p class="hint">
      ${host.t('booking.slot.intro', {
        type: host.t(`common.visitType.${machine.answers.type ?? 'video'}`),
        zone: zoneCity(timeZone),
      })}
    </p>
    ${host.availabilityTask.render({
      initial: () => host.renderLoading(),
      pending: () => host.renderLoading(),
      error: (error) => host.renderLoadError(error, () => host.availabilityTask.run()),
      complete: (availability) =>
        staticHtml`<form novalidate @submit=${(event: SubmitEvent) => onSlotContinue(host, event)}>
          <${tag('visit-session-calendar')}
            id="slot"
            part="calendar"
            exportparts="month, grid, day, times, day-notice"
            .availability=${availability}
            .value=${(host.pendingSlot ?? machine.answers.slot)?.id}
            .viewerTimeZone=${host.viewerTimeZone}
            .window=${prison?.bookingWindow}
            .error=${slotError}
            .strings=${host.strings}
            @calendar-select=${(event: CalendarSelectEvent) => (host.pendingSlot = event.slot)}
          ></${tag('visit-session-calendar')}>
          ${
            (host.pendingSlot ?? machine.answers.slot)
              ? html`<p>
                  <strong>${host.t('booking.slot.chosen')}:</strong>
                  ${slotText(host, (host.pendingSlot ?? machine.answers.slot)!, timeZone)}
                </p>`
              : nothing
          }
          ${host.renderSubmit('booking.slot.hold', 'booking.slot.holding')}
        </form>`,
    })}`;
}

function renderDetails(host: VisitBooking, machine: BookingState) {
  const { contact, supportNeeds } = machine.answers;
  const supportError = errorFor(host.errors, 'supportNeeds');
  const contactError = errorFor(host.errors, 'byEmail');
  return html`${host.renderHeader(host.t('booking.details.title'))} ${renderHold(host, machine)}
    <form novalidate @submit=${(event: SubmitEvent) => onDetails(host, event)}>
      <div class="field ${supportError ? 'field--error' : ''}">
        <label for="supportNeeds">${host.t('booking.details.support')}</label>
        <span class="hint" id="supportNeeds-hint"
          >${host.t('booking.details.supportHint', { count: SUPPORT_MAX })}</span
        >
        ${renderFieldError('supportNeeds', supportError, host.t('form.errorPrefix'))}
        <textarea
          id="supportNeeds"
          name="supportNeeds"
          rows="4"
          .value=${supportNeeds}
          aria-invalid=${supportError ? 'true' : 'false'}
          aria-describedby=${describedBy('supportNeeds', true, supportError)}
        ></textarea>
      </div>
      <fieldset
        class="field ${contactError ? 'field--error' : ''}"
        aria-describedby="contact-hint${contactError ? ' byEmail-error' : ''}"
      >
        <legend>${host.t('booking.details.contact')}</legend>
        <span class="hint" id="contact-hint">${host.t('booking.details.contactHint')}</span>
        ${renderFieldError('byEmail', contactError, host.t('form.errorPrefix'))}
        <div class="choice">
          <input type="checkbox" id="byEmail" name="byEmail" .checked=${contact.byEmail} />
          <label for="byEmail">${host.t('booking.details.byEmail')}</label>
        </div>
        ${host.renderTextField('contactEmail', host.t('booking.details.email'), contact.email, {
          type: 'email',
          autocomplete: 'email',
          spellcheck: false,
        })}
        <div class="choice">
          <input type="checkbox" id="bySms" name="bySms" .checked=${contact.bySms} />
          <label for="bySms">${host.t('booking.details.bySms')}</label>
        </div>
        ${host.renderTextField('phone', host.t('booking.details.phone'), contact.phone, {
          type: 'tel',
          autocomplete: 'tel',
          hint: host.t('booking.details.phoneHint'),
        })}
      </fieldset>
      <div class="field">
        <div class="choice">
          <input type="checkbox" id="welshUpdates" name="welshUpdates" .checked=${contact.welshUpdates} />
          <label for="welshUpdates">${host.t('booking.details.welsh')}</label>
        </div>
      </div>
      ${host.renderSubmit()}
    </form>`;
}

function renderCheck(host: VisitBooking, machine: BookingState) {
  const { answers } = machine;
  const prison = host.currentPrison;
  const timeZone = prison?.timezone ?? 'Europe/London';
  const visitors = host.visitorsTask.value ?? [];
  const links = host.linksTask.value ?? [];
  const link = links.find((item) => item.id === answers.linkId);
  const chosenVisitors = visitors.filter((visitor) => answers.visitorIds.includes(visitor.id));
  const contactLines = [
    answers.contact.byEmail ? `${host.t('booking.details.byEmail')}: ${answers.contact.email}` : '',
    answers.contact.bySms ? `${host.t('booking.details.bySms')}: ${answers.contact.phone}` : '',
    answers.contact.welshUpdates ? host.t('booking.check.welshYes') : '',
  ].filter(Boolean);
  const row = (
    key: string,
    label: string,
    value: TemplateResult | string,
    change?: 'prisoner' | 'visitors' | 'slot' | 'details',
  ) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
      ${
        change
          ? html`<dd>
              <button
                type="button"
                class="button"
                data-variant="link"
                id="change-${key}"
                @click=${() => host.dispatch({ type: 'change', view: change })}
              >
                ${host.t('common.change')}<span class="visually-hidden"> ${label}</span>
              </button>
            </dd>`
          : nothing
      }
    </div>`;
  return html`${host.renderHeader(host.t('booking.check.title'))} ${renderHold(host, machine)}
    <dl class="summary-list" part="summary">
      ${row(
        'prisoner',
        host.t('booking.check.prisoner'),
        link
          ? `${host.personName(link)} (${link.prisoner.prisonNumber}), ${link.prisoner.prisonName}`
          : (prison?.name ?? ''),
        machine.skipped.prisoner ? undefined : 'prisoner',
      )}
      ${row('type', host.t('booking.visitors.type'), host.t(`common.visitType.${answers.type ?? 'video'}`), 'visitors')}
      ${row(
        'visitors',
        host.t('booking.check.visitors'),
        html`${chosenVisitors.map((visitor) => html`${visitor.firstName} ${visitor.lastName}<br />`)}`,
        'visitors',
      )}
      ${row('slot', host.t('booking.check.when'), answers.slot ? slotText(host, answers.slot, timeZone) : '', 'slot')}
      ${row('details', host.t('booking.check.support'), answers.supportNeeds || host.t('booking.check.none'), 'details')}
      ${row('contact', host.t('booking.check.contact'), html`${contactLines.map((line) => html`${line}<br />`)}`, 'details')}
    </dl>
    <h3>${host.t('booking.check.nowBook')}</h3>
    <p>${host.t('booking.check.declaration')}</p>
    <button
      type="button"
      class="button"
      part="button"
      ?disabled=${host.busy || !answers.hold}
      @click=${() => void confirm(host)}
    >
      ${host.busy ? host.t('booking.check.booking') : host.t('booking.check.confirm')}
    </button>`;
}

function renderConfirmation(host: VisitBooking, machine: BookingState) {
  const visit = machine.visit!;
  const requested = visit.status === 'requested';
  const timeZone = visit.prison.timezone;
  return html`<div class="confirmation" part="confirmation" data-status=${visit.status}>
      <h2 tabindex="-1" data-heading part="heading">
        ${host.t(requested ? 'booking.done.requestedTitle' : 'booking.done.bookedTitle')}
      </h2>
      <p>
        ${host.t('booking.done.reference')}
        <strong class="reference">${visit.reference}</strong>
      </p>
    </div>
    ${host.renderFailure()}
    <dl class="summary-list">
      <div>
        <dt>${host.t('booking.check.when')}</dt>
        <dd>
          ${formatDay(host.locale, visit.start, timeZone)},
          ${host.t('calendar.timeRange', {
            start: formatTime(host.locale, visit.start, timeZone),
            end: formatTime(host.locale, visit.end, timeZone),
          })}
        </dd>
      </div>
      <div>
        <dt>${host.t('booking.visitors.type')}</dt>
        <dd>${host.t(`common.visitType.${visit.type}`)}</dd>
      </div>
      <div>
        <dt>${host.t('booking.check.prisoner')}</dt>
        <dd>${visit.prisoner.firstName} ${visit.prisoner.lastName}, ${visit.prison.name}</dd>
      </div>
    </dl>
    <h3>${host.t('booking.done.nextTitle')}</h3>
    <p>${host.t(requested ? 'booking.done.nextRequested' : 'booking.done.nextBooked')}</p>
    ${visit.type === 'video' && !requested ? html`<p>${host.t('booking.done.nextVideo')}</p>` : nothing}
    <div class="button-group">
      <button
        type="button"
        class="button"
        data-variant="secondary"
        ?disabled=${host.busy}
        @click=${() => void addToCalendar(host)}
      >
        ${host.t('booking.done.addToCalendar')}
      </button>
      <button
        type="button"
        class="button"
        data-variant="link"
        @click=${() => {
          host.startAgain();
        }}
      >
        ${host.t('booking.done.another')}
      </button>
    </div>`;
}
