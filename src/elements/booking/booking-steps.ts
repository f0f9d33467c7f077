// The booking journey's later screens (the person, visitors, date and time, details, check answers, confirmation):
// render functions of the controller's state, the texts and the actions (booking-view.ts; the later tasks and
// actions are BookingJourney's, booking-journey.ts). <visit-booking> loads this module with import() after its
// first screen has rendered, so a page shows the journey without downloading the rest of it. Asking the prison to
// add someone (linking a person, adding a visitor) loads later still, when asked for (booking-request-steps.ts).
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';
import { ageOn } from '../../core/dates.js';
import { formatDay, formatTime, zoneCity } from '../../i18n/dates.js';
import { VisitApiError } from '../../api/errors.js';
import type { ApprovedVisitor, Prison, PrisonerLink } from '../../api/family.js';
import type { BookingState } from './booking-machine.js';
import { minutesText, personName, slotText, SUPPORT_MAX } from './booking-journey-rules.js';
import type { BookingJourney } from './booking-journey.js';
import {
  formData,
  headingTag,
  renderFailure,
  renderHeader,
  renderLoading,
  renderScreenHeading,
  renderSubmit,
  renderTextField,
  type BookingView,
} from './booking-view.js';
import type { CalendarSelectEvent } from '../shared/calendar-select.js';
import { describedBy, errorFor, renderFieldError } from '../shared/form-errors.js';
import { renderSlotTaken } from '../shared/slot-taken.js';

export { bookingStepsStyles } from './booking-steps.styles.js';
// The later screens' decisions load with them (one chunk): the element starts them once this module is in.
export { BookingJourney } from './booking-journey.js';

/** What the later screens are handed: the first screens' view, and the journey's later tasks and actions. */
export interface JourneyView extends BookingView {
  journey: BookingJourney;
}

/** A heading one level below the screen's. */
export function renderSubheading(v: BookingView, text: string): TemplateResult {
  const tag = headingTag(v, 1);
  return staticHtml`<${tag} class="subheading">${text}</${tag}>`;
}

/** A list that could not load, with Try again. */
export function renderLoadError(v: BookingView, error: unknown, retry: () => void) {
  const message =
    error instanceof VisitApiError && error.code === 'aborted'
      ? v.t('common.loading')
      : v.describeError(error);
  return html`<div class="notice" data-tone="danger" part="notice">
    <p>${message}</p>
    <button type="button" class="button" data-variant="secondary" @click=${retry}>
      ${v.t('common.retry')}
    </button>
  </div>`;
}

/** The screen for one of the later views (the element renders sign-in and code itself). */
export function renderLaterView(v: JourneyView, machine: BookingState): TemplateResult {
  switch (machine.view) {
    case 'prisoner':
      return renderPrisoner(v);
    case 'link-request':
    case 'link-pending': {
      // their screens load the first time a family asks (BookingJourney starts it on these views)
      const loaded = v.journey.requests;
      if (!loaded) return v.state.failure ? html`${renderFailure(v)}` : renderLoading(v);
      const view = loaded.view(v);
      return machine.view === 'link-request'
        ? loaded.steps.renderLinkRequest(view)
        : loaded.steps.renderLinkPending(view);
    }
    case 'visitors':
      return renderVisitors(v, machine);
    case 'slot':
      return renderSlot(v, machine);
    case 'details':
      return renderDetails(v, machine);
    case 'check':
      return renderCheck(v, machine);
    default:
      return renderConfirmation(v, machine);
  }
}

function renderPeople(v: JourneyView, approved: PrisonerLink[]) {
  const { machine, errors } = v.state;
  const error = errors[0];
  const errorField = error?.field;
  return html`<form
    novalidate
    @submit=${(event: SubmitEvent) => v.journey.submitPrisoner(formData(event), approved)}
  >
    <fieldset
      class="field ${error ? 'field--error' : ''}"
      aria-describedby=${error ? `${errorField}-error` : nothing}
    >
      <legend class="visually-hidden">${v.t('booking.prisoner.title')}</legend>
      ${error ? renderFieldError(errorField!, error.message, v.t('form.errorPrefix')) : nothing}
      ${approved.map((link) => {
        const banned = link.restrictions.bannedUntil;
        const hint = banned
          ? v.t('booking.prisoner.banned', { date: formatDay(v.locale, banned.slice(0, 10), 'UTC') })
          : link.restrictions.closedVisits
            ? v.t('booking.prisoner.closed')
            : '';
        return html`<div class="choice">
          <input
            type="radio"
            name="link"
            id="link-${link.id}"
            value=${link.id}
            data-field="link"
            ?disabled=${Boolean(banned)}
            .checked=${machine!.answers.linkId === link.id}
            aria-describedby=${hint ? `link-${link.id}-hint` : nothing}
          />
          <div>
            <label for="link-${link.id}">
              ${personName(link)} (${link.prisoner.prisonNumber}), ${link.prisoner.prisonName}
            </label>
            ${hint ? html`<span class="hint" id="link-${link.id}-hint">${hint}</span>` : nothing}
          </div>
        </div>`;
      })}
    </fieldset>
    ${renderSubmit(v)}
  </form>`;
}

function renderPrisoner(v: JourneyView) {
  const { linksTask } = v.journey;
  return html`${renderHeader(v, v.t('booking.prisoner.title'))}
  ${linksTask.render({
    initial: () => renderLoading(v),
    pending: () => renderLoading(v),
    error: (error) => renderLoadError(v, error, () => void linksTask.run()),
    complete: (all) => {
      const prisonCode = v.options.prison;
      const links = prisonCode ? all.filter((link) => link.prisoner.prisonCode === prisonCode) : all;
      const approved = links.filter((link) => link.status === 'approved');
      const pending = links.filter((link) => link.status === 'requested');
      const rejected = links.filter((link) => link.status === 'rejected');
      return html`
        ${
          v.journey.presetMissing
            ? html`<div class="notice" part="notice">
                <p>${v.t('booking.prisoner.presetMissing', { prisoner: v.options.prisoner ?? '' })}</p>
              </div>`
            : nothing
        }
        ${approved.length ? renderPeople(v, approved) : html`<p>${v.t('booking.prisoner.none')}</p>`}
        ${
          pending.length
            ? html`<div class="notice" part="notice pending">
                ${renderSubheading(v, v.t('booking.prisoner.pendingTitle'))}
                <ul>
                  ${pending.map(
                    (link) =>
                      html`<li>
                        ${v.t('booking.prisoner.pendingItem', {
                          number: link.prisoner.prisonNumber,
                          prison: link.prisoner.prisonName,
                        })}
                      </li>`,
                  )}
                </ul>
                <p>${v.t('booking.prisoner.pendingHelp')}</p>
              </div>`
            : nothing
        }
        ${
          rejected.length
            ? html`<div class="notice" data-tone="danger" part="notice">
                <ul>
                  ${rejected.map(
                    (link) =>
                      html`<li>
                        ${v.t('booking.prisoner.rejectedItem', {
                          number: link.prisoner.prisonNumber,
                          prison: link.prisoner.prisonName,
                        })}
                        ${link.rejectionReason ? html` ${link.rejectionReason}` : nothing}
                      </li>`,
                  )}
                </ul>
              </div>`
            : nothing
        }
        <p>
          <button type="button" class="button" data-variant="secondary" @click=${() => v.journey.askToLink()}>
            ${v.t('booking.prisoner.addPerson')}
          </button>
        </p>
      `;
    },
  })}`;
}

function renderLimits(v: JourneyView, prison: Prison | undefined) {
  if (!prison) return nothing;
  const { maxTotalVisitors, maxAdultVisitors, maxChildVisitors, adultAgeYears } = prison.limits;
  return html`<div class="hint" id="visitors-hint">
    <p>${v.t('booking.visitors.limitsIntro', { prison: prison.name })}</p>
    <ul class="limits">
      <li>${v.t('booking.visitors.limitTotal', { count: maxTotalVisitors })}</li>
      <li>${v.t('booking.visitors.limitAdults', { count: maxAdultVisitors, age: adultAgeYears })}</li>
      <li>${v.t('booking.visitors.limitChildren', { count: maxChildVisitors, age: adultAgeYears })}</li>
      <li>${v.t('booking.visitors.limitOneAdult', { age: adultAgeYears })}</li>
    </ul>
  </div>`;
}

function renderVisitors(v: JourneyView, machine: BookingState) {
  const prison = v.journey.currentPrison;
  const types = v.journey.visitTypes;
  const typeError = errorFor(v.state.errors, 'type');
  const visitorsError = errorFor(v.state.errors, 'visitors');
  const complete = (visitors: ApprovedVisitor[]) => {
    const today = v.journey.today(prison?.timezone);
    const adultAge = prison?.limits.adultAgeYears ?? 18;
    const chosen = machine.answers.visitorIds.length
      ? machine.answers.visitorIds
      : visitors.filter((visitor) => visitor.lead).map((visitor) => visitor.id);
    const listed = visitors.filter((visitor) => visitor.status !== 'rejected');
    const allowance = machine.answers.allowance;
    return html`${
        allowance
          ? html`<p part="allowance">
              ${v.t('booking.visitors.allowance', {
                count: allowance.remaining,
                date: formatDay(v.locale, allowance.nextAllocation.slice(0, 10), 'UTC'),
              })}
            </p>`
          : nothing
      }
      <form novalidate @submit=${(event: SubmitEvent) => v.journey.submitVisitors(formData(event), visitors)}>
        ${
          types.length === 1
            ? html`<p>
                <strong>${v.t('booking.visitors.type')}:</strong>
                ${v.t(`common.visitType.${types[0]!}`)}
              </p>`
            : html`<fieldset
                class="field ${typeError ? 'field--error' : ''}"
                aria-describedby=${typeError ? 'type-error' : nothing}
              >
                <legend>${v.t('booking.visitors.typeQuestion')}</legend>
                ${renderFieldError('type', typeError, v.t('form.errorPrefix'))}
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
                        >${v.t(`common.visitType.${type}`)}</label
                      >
                    </div>`,
                )}
              </fieldset>`
        }
        <fieldset
          class="field ${visitorsError ? 'field--error' : ''}"
          aria-describedby="visitors-hint${visitorsError ? ' visitors-error' : ''}"
        >
          <legend>${v.t('booking.visitors.question')}</legend>
          ${renderLimits(v, prison)} ${renderFieldError('visitors', visitorsError, v.t('form.errorPrefix'))}
          ${listed.map((visitor) => {
            const age = ageOn(visitor.dateOfBirth, today);
            const banned = visitor.bannedUntil && visitor.bannedUntil.slice(0, 10) > today;
            const waiting = visitor.status === 'requested';
            const note = banned
              ? v.t('booking.visitors.banned', {
                  date: formatDay(v.locale, visitor.bannedUntil!.slice(0, 10), 'UTC'),
                })
              : waiting
                ? v.t('booking.visitors.waiting')
                : '';
            const ageText =
              age >= adultAge
                ? v.t('booking.visitors.adultAge', { count: age })
                : v.t('booking.visitors.childAge', { count: age });
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
              <div>
                <label for="visitor-${visitor.id}">
                  ${`${visitor.firstName} ${visitor.lastName}`}${visitor.lead ? ` (${v.t('booking.visitors.you')})` : ''}
                </label>
                <span class="hint" id="visitor-${visitor.id}-hint"
                  >${ageText}${note ? html`. ${note}` : nothing}</span
                >
              </div>
            </div>`;
          })}
        </fieldset>
        ${renderSubmit(v)}
      </form>
      ${machine.answers.linkId ? renderAddVisitor(v, machine.answers.linkId) : nothing}`;
  };
  return html`${renderHeader(v, v.t('booking.visitors.title'))}
  ${v.journey.visitorsTask.render({
    initial: () => renderLoading(v),
    // a refresh after adding someone keeps the list, and what was ticked, on screen
    pending: () =>
      v.journey.refreshingVisitors && v.journey.visitorsTask.value
        ? complete(v.journey.visitorsTask.value)
        : renderLoading(v),
    error: (error) => renderLoadError(v, error, () => v.journey.visitorsTask.run()),
    complete,
  })}`;
}

/**
 * "Add someone who will visit": a request the prison approves before they can be chosen. Its form loads the first
 * time the summary is pressed (booking-request-steps.ts); a click on a summary is also what Enter and Space give.
 */
function renderAddVisitor(v: JourneyView, linkId: string) {
  const loaded = v.journey.requests;
  // open while one of its fields has an error (there can be none before it loaded)
  const open = loaded ? loaded.steps.addVisitorHasErrors(v.state.errors) : false;
  return html`<details class="add-visitor" part="add-visitor" ?open=${open}>
    <summary @click=${() => void v.journey.loadRequests()}>${v.t('booking.visitors.add.title')}</summary>
    ${
      loaded
        ? loaded.steps.renderAddVisitorForm(loaded.view(v), linkId)
        : v.journey.requestsLoading
          ? renderLoading(v)
          : nothing
    }
  </details>`;
}

function renderHold(v: JourneyView, machine: BookingState) {
  const { hold } = machine.answers;
  if (!hold) return nothing;
  const timeZone = v.journey.currentPrison?.timezone ?? 'Europe/London';
  const left = Date.parse(hold.expiresAt) - v.journey.now;
  return html`<div class="notice" part="notice hold">
    <p class="hold">
      ${v.t('booking.hold.text', {
        date: formatDay(v.locale, hold.start, timeZone),
        time: formatTime(v.locale, hold.start, timeZone),
        expires: formatTime(v.locale, hold.expiresAt, timeZone),
        left: minutesText(v.t, left),
      })}
    </p>
    <p>${v.t('booking.hold.after')}</p>
    ${
      machine.answers.holdExtended
        ? nothing
        : html`<button
            type="button"
            class="button"
            data-variant="secondary"
            ?disabled=${v.state.busy}
            @click=${() => void v.journey.extendHold()}
          >
            ${v.t('booking.hold.extend')}
          </button>`
    }
  </div>`;
}

function renderSlot(v: JourneyView, machine: BookingState) {
  const prison = v.journey.currentPrison;
  const timeZone = prison?.timezone ?? 'Europe/London';
  const notice = machine.notice;
  const slotError = errorFor(v.state.errors, 'slot');
  return html`${renderHeader(v, v.t('booking.slot.title'))}
    ${
      notice?.kind === 'hold-expired'
        ? html`<div class="notice" data-tone="danger" part="notice">
            <p>${v.t('booking.slot.holdExpired')}</p>
          </div>`
        : nothing
    }
    ${
      notice?.kind === 'slot-taken'
        ? renderSlotTaken({
            t: (key) => v.t(key),
            alternatives: notice.alternatives,
            busy: v.state.busy,
            label: (slot) =>
              v.t('booking.slot.holdAlternative', { slot: slotText(v.t, v.locale, slot, timeZone) }),
            choose: (slot) => void v.journey.holdSlot(slot),
          })
        : nothing
    }
    <p class="hint">
      ${v.t('booking.slot.intro', {
        type: v.t(`common.visitType.${machine.answers.type ?? 'video'}`),
        zone: zoneCity(timeZone),
      })}
    </p>
    ${v.journey.availabilityTask.render({
      initial: () => renderLoading(v),
      pending: () => renderLoading(v),
      error: (error) => renderLoadError(v, error, () => v.journey.availabilityTask.run()),
      complete: (availability) =>
        staticHtml`<form novalidate @submit=${(event: SubmitEvent) => (event.preventDefault(), v.journey.submitSlot())}>
          <${tag('visit-session-calendar')}
            id="slot"
            part="calendar"
            exportparts="month, grid, day, times, day-notice"
            .availability=${availability}
            .value=${(v.journey.pendingSlot ?? machine.answers.slot)?.id}
            .viewerTimeZone=${v.options.viewerTimeZone}
            .window=${prison?.bookingWindow}
            .error=${slotError}
            .strings=${v.options.strings}
            @calendar-select=${(event: CalendarSelectEvent) => v.journey.pickSlot(event.slot)}
          ></${tag('visit-session-calendar')}>
          ${
            (v.journey.pendingSlot ?? machine.answers.slot)
              ? html`<p>
                  <strong>${v.t('booking.slot.chosen')}:</strong>
                  ${slotText(v.t, v.locale, (v.journey.pendingSlot ?? machine.answers.slot)!, timeZone)}
                </p>`
              : nothing
          }
          ${renderSubmit(v, 'booking.slot.hold', 'booking.slot.holding')}
        </form>`,
    })}`;
}

function renderDetails(v: JourneyView, machine: BookingState) {
  const { contact, supportNeeds } = machine.answers;
  const supportError = errorFor(v.state.errors, 'supportNeeds');
  const contactError = errorFor(v.state.errors, 'byEmail');
  return html`${renderHeader(v, v.t('booking.details.title'))} ${renderHold(v, machine)}
    <form novalidate @submit=${(event: SubmitEvent) => v.journey.submitDetails(formData(event))}>
      ${machine.answers.slot?.legal ? renderLegalFirm(v, machine) : nothing}
      <div class="field ${supportError ? 'field--error' : ''}">
        <label for="supportNeeds">${v.t('booking.details.support')}</label>
        <span class="hint" id="supportNeeds-hint"
          >${v.t('booking.details.supportHint', { count: SUPPORT_MAX })}</span
        >
        ${renderFieldError('supportNeeds', supportError, v.t('form.errorPrefix'))}
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
        <legend>${v.t('booking.details.contact')}</legend>
        <span class="hint" id="contact-hint">${v.t('booking.details.contactHint')}</span>
        ${renderFieldError('byEmail', contactError, v.t('form.errorPrefix'))}
        <div class="choice">
          <input type="checkbox" id="byEmail" name="byEmail" .checked=${contact.byEmail} />
          <label for="byEmail">${v.t('booking.details.byEmail')}</label>
        </div>
        ${renderTextField(v, 'contactEmail', v.t('booking.details.email'), contact.email, {
          type: 'email',
          autocomplete: 'email',
          spellcheck: false,
        })}
        <div class="choice">
          <input type="checkbox" id="bySms" name="bySms" .checked=${contact.bySms} />
          <label for="bySms">${v.t('booking.details.bySms')}</label>
        </div>
        ${renderTextField(v, 'phone', v.t('booking.details.phone'), contact.phone, {
          type: 'tel',
          autocomplete: 'tel',
          hint: v.t('booking.details.phoneHint'),
        })}
      </fieldset>
      <div class="field">
        <div class="choice">
          <input type="checkbox" id="welshUpdates" name="welshUpdates" .checked=${contact.welshUpdates} />
          <label for="welshUpdates">${v.t('booking.details.welsh')}</label>
        </div>
      </div>
      ${renderSubmit(v)}
    </form>`;
}

/** A legal visit's time: who it is for, that it is never monitored, and the firm (which the server requires). */
function renderLegalFirm(v: JourneyView, machine: BookingState) {
  return html`<div class="notice" part="notice legal" data-legal>
      ${renderSubheading(v, v.t('booking.details.legalTitle'))}
      <p>${v.t('booking.details.legalText')}</p>
    </div>
    ${renderTextField(v, 'legalFirm', v.t('booking.details.firm'), machine.answers.legalFirm ?? '', {
      autocomplete: 'organization',
      hint: v.t('booking.details.firmHint'),
    })}`;
}

function renderCheck(v: JourneyView, machine: BookingState) {
  const { answers } = machine;
  const prison = v.journey.currentPrison;
  const timeZone = prison?.timezone ?? 'Europe/London';
  const visitors = v.journey.visitorsTask.value ?? [];
  const links = v.journey.linksTask.value ?? [];
  const link = links.find((item) => item.id === answers.linkId);
  const chosenVisitors = visitors.filter((visitor) => answers.visitorIds.includes(visitor.id));
  const contactLines = [
    answers.contact.byEmail ? `${v.t('booking.details.byEmail')}: ${answers.contact.email}` : '',
    answers.contact.bySms ? `${v.t('booking.details.bySms')}: ${answers.contact.phone}` : '',
    answers.contact.welshUpdates ? v.t('booking.check.welshYes') : '',
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
                @click=${() => v.journey.change(change)}
              >
                ${v.t('common.change')}<span class="visually-hidden"> ${label}</span>
              </button>
            </dd>`
          : nothing
      }
    </div>`;
  return html`${renderHeader(v, v.t('booking.check.title'))} ${renderHold(v, machine)}
    <dl class="summary-list" part="summary">
      ${row(
        'prisoner',
        v.t('booking.check.prisoner'),
        link
          ? `${personName(link)} (${link.prisoner.prisonNumber}), ${link.prisoner.prisonName}`
          : (prison?.name ?? ''),
        machine.skipped.prisoner ? undefined : 'prisoner',
      )}
      ${row('type', v.t('booking.visitors.type'), v.t(`common.visitType.${answers.type ?? 'video'}`), 'visitors')}
      ${row(
        'visitors',
        v.t('booking.check.visitors'),
        html`${chosenVisitors.map((visitor) => html`${visitor.firstName} ${visitor.lastName}<br />`)}`,
        'visitors',
      )}
      ${row('slot', v.t('booking.check.when'), answers.slot ? slotText(v.t, v.locale, answers.slot, timeZone) : '', 'slot')}
      ${answers.slot?.legal ? row('legalFirm', v.t('booking.check.firm'), answers.legalFirm ?? '', 'details') : nothing}
      ${row('details', v.t('booking.check.support'), answers.supportNeeds || v.t('booking.check.none'), 'details')}
      ${row('contact', v.t('booking.check.contact'), html`${contactLines.map((line) => html`${line}<br />`)}`, 'details')}
    </dl>
    ${renderSubheading(v, v.t('booking.check.nowBook'))}
    <p>${v.t('booking.check.declaration')}</p>
    <button
      type="button"
      class="button"
      part="button"
      ?disabled=${v.state.busy || !answers.hold}
      @click=${() => void v.journey.confirm()}
    >
      ${v.state.busy ? v.t('booking.check.booking') : v.t('booking.check.confirm')}
    </button>`;
}

function renderConfirmation(v: JourneyView, machine: BookingState) {
  const visit = machine.visit!;
  const requested = visit.status === 'requested';
  const timeZone = visit.prison.timezone;
  return html`<div class="confirmation" part="confirmation" data-status=${visit.status}>
      ${renderScreenHeading(v, v.t(requested ? 'booking.done.requestedTitle' : 'booking.done.bookedTitle'))}
      <p>
        ${v.t('booking.done.reference')}
        <strong class="reference">${visit.reference}</strong>
      </p>
    </div>
    ${renderFailure(v)}
    <dl class="summary-list">
      <div>
        <dt>${v.t('booking.check.when')}</dt>
        <dd>
          ${formatDay(v.locale, visit.start, timeZone)},
          ${v.t('calendar.timeRange', {
            start: formatTime(v.locale, visit.start, timeZone),
            end: formatTime(v.locale, visit.end, timeZone),
          })}
        </dd>
      </div>
      <div>
        <dt>${v.t('booking.visitors.type')}</dt>
        <dd>${v.t(`common.visitType.${visit.type}`)}</dd>
      </div>
      <div>
        <dt>${v.t('booking.check.prisoner')}</dt>
        <dd>${visit.prisoner.firstName} ${visit.prisoner.lastName}, ${visit.prison.name}</dd>
      </div>
    </dl>
    ${renderSubheading(v, v.t('booking.done.nextTitle'))}
    <p>${v.t(requested ? 'booking.done.nextRequested' : 'booking.done.nextBooked')}</p>
    ${visit.type === 'video' && !requested ? html`<p>${v.t('booking.done.nextVideo')}</p>` : nothing}
    <div class="button-group">
      <button
        type="button"
        class="button"
        data-variant="secondary"
        ?disabled=${v.state.busy}
        @click=${() => void v.journey.addToCalendar((file, name) => v.saveFile(file, name))}
      >
        ${v.t('booking.done.addToCalendar')}
      </button>
      <button type="button" class="button" data-variant="link" @click=${() => v.journey.startAgain()}>
        ${v.t('booking.done.another')}
      </button>
    </div>`;
}
