import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitErrorEvent } from '../../core/events/visit-error.js';
import { VisitJoinRequestedEvent } from '../../core/events/visit-join-requested.js';
import { VisitRequestCancelEvent } from '../../core/events/visit-request-cancel.js';
import { VisitElement } from '../../core/visit-element.js';
import type { CalendarSelectEvent } from '../shared/calendar-select.js';
import { renderSlotTaken } from '../shared/slot-taken.js';
import type { CancelReason, Slot, Visit, VisitScope } from '../../api/family.js';
import { renderCancelDialog } from './my-visits-cancel.js';
import { renderErasureDialog, renderYourData, YourDataController } from './my-visits-data.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import { familyReason, MyVisitsController, reviewNotice } from './my-visits-controller.js';
import { renderReviewNotice } from './my-visits-review.js';
import { formatDay, formatTime } from '../../i18n/dates.js';
import { renderErrorSummary, type FormError } from '../shared/form-errors.js';
import { bookingMessages, commonMessages, visitsMessages } from '../../i18n/areas.js';
import { calendarMessages } from '../../i18n/calendar.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';

const SCOPES: VisitScope[] = ['upcoming', 'past', 'cancelled'];
const NOTE_MAX = 300;

/**
 * @summary The family's visits: upcoming, past and cancelled, with date, time, type, visitors and status;
 * upcoming visits can be changed to another time (atomically, same reference), cancelled with a reason,
 * and video visits joined while their waiting room is open. Past visits say how their call ended. The list
 * stays current by itself: after a `visit-booked` from any element under the same `<visit-provider>`, and
 * live, through the family's event stream, when the prison changes something.
 *
 * Works inside `<visit-provider>` (which holds the family's session) or on its own with `api-base` and a
 * signed-in `client`.
 *
 * @fires visit-join-requested - {@link VisitJoinRequestedEvent} (cancelable) when the family presses Join;
 *   unless the host calls `preventDefault()`, the page then navigates to `join-url`.
 * @fires visit-request-cancel - {@link VisitRequestCancelEvent} (cancelable) when the family confirms a
 *   cancellation, before it is made; `preventDefault()` keeps the visit.
 * @fires visit-error - {@link VisitErrorEvent} whenever a failure was explained to the family.
 *
 * @csspart base - The wrapper.
 * @csspart tabs - The Upcoming / Past / Cancelled tab list.
 * @csspart tab - Each tab.
 * @csspart list - The list of visits.
 * @csspart visit - Each visit card (`data-status="booked|requested|cancelled|completed"`).
 * @csspart status - The status tag of a visit.
 * @csspart review-notice - "Needs checking" on a visit the prison must check (`data-reason`: why).
 * @csspart outcome - How a past video visit's call ended (`data-outcome="completed|ended-by-staff|time-up|visitor-no-show|prisoner-no-show"`).
 * @csspart actions - The buttons of a visit.
 * @csspart join - The Join button.
 * @csspart change - The change-time panel.
 * @csspart calendar - The date picker while changing a visit.
 * @csspart month - The calendar's month caption and its previous / next buttons.
 * @csspart grid - The calendar's grid of days.
 * @csspart day - Each day of the calendar grid.
 * @csspart times - The list of times on the chosen day.
 * @csspart day-notice - The calendar's message about the chosen day (nothing free, closed).
 * @csspart dialog - The cancel confirmation dialog, and the erasure confirmation.
 * @csspart notice - Notices (success, failure, empty).
 * @csspart your-data - The "Your data" section under the list: download, ask for erasure, where a request is.
 * @csspart my-data - The "Download my data" button (subject access: a page of everything held about them).
 * @csspart erasure - The "Ask us to delete my data" button (staff of the prison decide; hidden while one is open).
 * @csspart alternatives - Also on the notice that the new time was just taken, with other free times.
 * @csspart error-summary - The error summary inside forms.
 * @csspart field-error - Inline error messages of the change and cancel forms.
 *
 * @cssprop [--visit-my-visits-max-width=var(--visit-max-width, 40rem)] - Widest the list grows.
 * @cssprop [--visit-color-primary=#1d70b8] - Tabs, links, "booked" tag.
 * @cssprop [--visit-color-danger=#d4351c] - Cancel button, "cancelled" tag.
 */
export class VisitMyVisits extends VisitElement {
  static override messages = [commonMessages, bookingMessages, calendarMessages, visitsMessages];

  static override styles = [
    ...VisitElement.styles,
    css`
      :host {
        max-width: var(--visit-my-visits-max-width, var(--_max-width));
        overflow-wrap: anywhere;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        border-bottom: 1px solid var(--_border);
        margin-bottom: calc(var(--_space) * 2);
      }
      [role='tab'] {
        font: inherit;
        min-height: 44px;
        padding: var(--_space) calc(var(--_space) * 1.5);
        border: 1px solid transparent;
        border-bottom: 0;
        background: none;
        color: var(--_primary);
        text-decoration: underline;
        cursor: pointer;
      }
      [role='tab'][aria-selected='true'] {
        border-color: var(--_border);
        background: var(--_background);
        color: var(--_text);
        text-decoration: none;
        font-weight: 600;
        margin-bottom: -1px;
      }
      ul.visits {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .visit {
        margin-bottom: calc(var(--_space) * 2);
      }
      .visit h3 {
        margin-bottom: var(--_space);
      }
      .visit dl {
        margin: 0 0 var(--_space);
        display: grid;
        grid-template-columns: minmax(0, 1fr);
      }
      @media (min-width: 30em) {
        .visit dl {
          grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
          column-gap: calc(var(--_space) * 2);
        }
      }
      .visit dt {
        font-weight: 600;
      }
      .visit dd {
        margin: 0 0 calc(var(--_space) / 2);
      }
      .tag {
        display: inline-block;
        padding: 2px 8px;
        font-weight: 700;
        background: color-mix(in srgb, var(--_primary) 15%, var(--_background));
        color: var(--_text);
        border: 1px solid var(--_primary);
      }
      .tag[data-status='cancelled'] {
        border-color: var(--_danger);
        background: color-mix(in srgb, var(--_danger) 12%, var(--_background));
      }
      .tag[data-status='requested'] {
        border-color: var(--_muted);
        background: var(--_surface);
      }
      h2:focus,
      h3:focus {
        outline: none;
      }
      h2:focus-visible {
        outline: 3px solid var(--_focus);
      }
      textarea {
        min-height: 5em;
      }
    `,
  ];

  /** Which list is shown. */
  @property({ reflect: true }) scope: VisitScope = 'upcoming';

  /**
   * Where Join leads when the host does not handle `visit-join-requested`: `{id}` is replaced by the
   * visit id, otherwise `?visit=<id>` is added.
   */
  @property({ attribute: 'join-url' }) joinUrl?: string;

  /** The family's time zone (defaults to the browser's). */
  @property({ attribute: false }) viewerTimeZone?: string;

  @state() private changing?: Visit;
  @state() private cancelling?: Visit;
  @state() private pendingSlot?: Slot;
  @state() private alternatives?: Slot[];
  @state() private errors: FormError[] = [];
  @state() private notice?: { tone: 'success' | 'danger'; text: string };
  @state() private busy = false;

  #focus?: string;

  /** Loading, refresh, live updates, what each visit allows, and the change and cancel actions. */
  private readonly visits = new MyVisitsController(this, {
    scope: () => this.scope,
    changing: () => this.changing,
    events: () => this.environment?.events,
    alongsideAvailability: () => import('../session-calendar/visit-session-calendar.js'),
  });

  /** Subject access and erasure ("Your data", under the list). */
  private readonly data = new YourDataController(this);

  /** Shows and announces what an action of "Your data" came to. */
  notify(tone: 'success' | 'danger', text: MessageKey, variables?: Variables): void {
    const message = this.t(text, variables);
    this.notice = { tone, text: message };
    this.announce(message);
    this.#focus = '.notice';
  }

  /** Moves focus to `selector` in the shadow root after the next render (used by "Your data"). */
  focusLater(selector: string): void {
    this.#focus = selector;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const erasureDialog = this.renderRoot.querySelector<HTMLDialogElement>('#erasure-dialog');
    if (erasureDialog && !erasureDialog.open) {
      erasureDialog.showModal();
      erasureDialog.querySelector<HTMLElement>('button')?.focus();
    }
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      if (target) {
        this.#focus = undefined;
        target.focus();
      }
    }
  }

  /**
   * Reloads the list. Rarely needed: it reloads by itself after a booking under the same provider and when
   * the prison changes one of the family's visits.
   */
  reload(): void {
    this.visits.reload();
  }

  private report(code: string, message: string): void {
    this.dispatchEvent(new VisitErrorEvent(code, message));
    this.announce(message);
  }

  private selectScope(scope: VisitScope, focus = false): void {
    this.scope = scope;
    this.notice = undefined;
    if (focus) this.#focus = `#tab-${scope}`;
  }

  private onTabKeydown(event: KeyboardEvent): void {
    const index = SCOPES.indexOf(this.scope);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % SCOPES.length
        : event.key === 'ArrowLeft'
          ? (index + SCOPES.length - 1) % SCOPES.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? SCOPES.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.selectScope(SCOPES[next]!, true);
  }

  private join(visit: Visit): void {
    const event = new VisitJoinRequestedEvent(visit.id);
    this.dispatchEvent(event);
    if (event.defaultPrevented || !this.joinUrl) return;
    const url = this.joinUrl.includes('{id}')
      ? this.joinUrl.replace('{id}', encodeURIComponent(visit.id))
      : `${this.joinUrl}${this.joinUrl.includes('?') ? '&' : '?'}visit=${encodeURIComponent(visit.id)}`;
    window.location.assign(url);
  }

  private startChange(visit: Visit): void {
    this.changing = visit;
    this.pendingSlot = undefined;
    this.alternatives = undefined;
    this.errors = [];
    this.notice = undefined;
    this.#focus = 'h2[data-heading]';
  }

  private stopChange(focusVisit?: string): void {
    this.changing = undefined;
    this.errors = [];
    this.alternatives = undefined;
    this.#focus = focusVisit ? `#visit-${focusVisit} h3` : '[role="tab"][aria-selected="true"]';
  }

  private async submitChange(slot = this.pendingSlot): Promise<void> {
    const visit = this.changing;
    if (!visit) return;
    if (!slot) {
      this.errors = [{ field: 'slot', message: this.t('booking.slot.missing') }];
      this.#focus = '.error-summary';
      return;
    }
    this.busy = true;
    this.errors = [];
    try {
      const moved = await this.visits.change(visit, slot.id);
      const text = this.t('visits.changed', { when: this.when(moved), reference: moved.reference });
      this.notice = { tone: 'success', text };
      this.announce(text);
      this.stopChange();
      this.#focus = '.notice';
    } catch (error) {
      if (error instanceof VisitApiError && error.code === 'slot-unavailable') {
        this.alternatives = Array.isArray(error.problem.alternatives)
          ? (error.problem.alternatives as Slot[])
          : [];
        this.pendingSlot = undefined;
        void this.visits.availability.run();
        this.report(error.code, this.t('booking.slot.taken'));
        this.#focus = '.alternatives';
      } else if (error instanceof VisitApiError && error.code !== 'aborted') {
        const message = error.code === 'network' ? this.t('common.networkError') : this.describeError(error);
        if (error.code === 'network') this.report(error.code, message);
        this.errors = [{ field: 'slot', message }];
        this.#focus = '.error-summary';
      }
    } finally {
      this.busy = false;
    }
  }

  private openCancel(visit: Visit): void {
    this.cancelling = visit;
    this.errors = [];
    this.notice = undefined;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('dialog');
      if (dialog && !dialog.open) dialog.showModal();
      this.renderRoot.querySelector<HTMLInputElement>('#reason')?.focus();
    });
  }

  private closeCancel(): void {
    const visit = this.cancelling;
    this.renderRoot.querySelector('dialog')?.close();
    this.cancelling = undefined;
    this.errors = [];
    if (visit) this.#focus = `#cancel-${visit.id}`;
  }

  private async submitCancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const visit = this.cancelling;
    if (!visit) return;
    const data = new FormData(event.target as HTMLFormElement);
    const reason = data.get('reason') as CancelReason | null;
    const note = String(data.get('note') ?? '').trim();
    const errors: FormError[] = [];
    if (!reason) errors.push({ field: 'reason', message: this.t('visits.cancel.reasonMissing') });
    if (note.length > NOTE_MAX)
      errors.push({ field: 'note', message: this.t('visits.cancel.noteTooLong', { count: NOTE_MAX }) });
    if (errors.length) {
      this.errors = errors;
      this.#focus = 'dialog .error-summary';
      return;
    }
    if (!this.dispatchEvent(new VisitRequestCancelEvent(visit.id, visit.reference, reason!))) {
      this.closeCancel();
      return;
    }
    this.busy = true;
    try {
      await this.visits.cancel(visit, { reason: reason!, ...(note ? { note } : {}) });
      this.renderRoot.querySelector('dialog')?.close();
      this.cancelling = undefined;
      this.errors = [];
      const text = this.t('visits.cancelled', { when: this.when(visit), reference: visit.reference });
      this.notice = { tone: 'success', text };
      this.announce(text);
      this.#focus = '.notice';
    } catch (error) {
      if (error instanceof VisitApiError && error.code === 'aborted') return;
      const message =
        error instanceof VisitApiError && error.code === 'network'
          ? this.t('common.networkError')
          : this.describeError(error);
      if (error instanceof VisitApiError && error.code === 'network') this.report(error.code, message);
      this.errors = [{ field: 'reason', message }];
      this.#focus = 'dialog .error-summary';
    } finally {
      this.busy = false;
    }
  }

  private when(visit: Pick<Visit, 'start' | 'end' | 'prison'>): string {
    const timeZone = visit.prison.timezone;
    return `${formatDay(this.locale, visit.start, timeZone)}, ${this.t('calendar.timeRange', {
      start: formatTime(this.locale, visit.start, timeZone),
      end: formatTime(this.locale, visit.end, timeZone),
    })}`;
  }

  private focusField(field: string): void {
    const root = this.renderRoot as ShadowRoot;
    (root.getElementById(field) as HTMLElement | null)?.focus();
  }

  // ——— rendering ———

  protected override render() {
    const client = this.activeClient;
    if (!client)
      return html`<div class="notice" part="notice" data-tone="danger">
        ${this.t('common.notConfigured')}
      </div>`;
    return html`<div part="base">
      ${this.renderAnnouncer()}
      ${
        !client.signedIn
          ? html`<h2 tabindex="-1" data-heading>${this.t('visits.title')}</h2>
              <div class="notice" part="notice">${this.t('visits.signIn')}</div>`
          : this.changing
            ? this.renderChange(this.changing)
            : this.renderList()
      }
      ${
        this.cancelling
          ? renderCancelDialog(
              {
                intro: this.t('visits.cancel.intro', {
                  when: this.when(this.cancelling),
                  reference: this.cancelling.reference,
                }),
                errors: this.errors,
                busy: this.busy,
                noteMax: NOTE_MAX,
              },
              (key, variables) => this.t(key, variables),
              {
                close: () => this.cancelling && this.closeCancel(),
                keep: () => this.closeCancel(),
                submit: (event) => void this.submitCancel(event),
                focusField: (field) => this.focusField(field),
              },
            )
          : nothing
      }
      ${renderErasureDialog(this.data, (key, variables) => this.t(key, variables))}
    </div>`;
  }

  private renderList() {
    return html`<h2 tabindex="-1" data-heading>${this.t('visits.title')}</h2>
      ${
        this.notice
          ? html`<div class="notice" part="notice" data-tone=${this.notice.tone} tabindex="-1">
              ${this.notice.text}
            </div>`
          : nothing
      }
      <div role="tablist" part="tabs" aria-label=${this.t('visits.title')} @keydown=${this.onTabKeydown}>
        ${SCOPES.map(
          (scope) =>
            html`<button
              type="button"
              role="tab"
              part="tab"
              id="tab-${scope}"
              aria-selected=${scope === this.scope ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${scope === this.scope ? 0 : -1}
              @click=${() => this.selectScope(scope)}
            >
              ${this.t(`visits.scope.${scope}`)}
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.scope}" tabindex="0">
        ${this.visits.visits.render({
          initial: () => this.renderLoading(),
          pending: () => this.renderLoading(),
          error: (error) =>
            html`<div class="notice" data-tone="danger" part="notice">
              <p>${this.describeError(error)}</p>
              <button type="button" class="button" data-variant="secondary" @click=${() => this.reload()}>
                ${this.t('common.retry')}
              </button>
            </div>`,
          complete: (visits) =>
            !visits?.length
              ? html`<p class="notice" part="notice">${this.t(`visits.empty.${this.scope}`)}</p>`
              : html`<ul class="visits" part="list">
                  ${visits.map((visit) => this.renderVisit(visit))}
                </ul>`,
        })}
      </div>
      ${renderYourData(
        this.data,
        (key, variables) => this.t(key, variables),
        (iso) => formatDay(this.locale, iso, Intl.DateTimeFormat().resolvedOptions().timeZone),
      )}`;
  }

  private renderLoading() {
    return html`<p role="status">
      <span class="spinner" aria-hidden="true"></span> ${this.t('common.loading')}
    </p>`;
  }

  private renderVisit(visit: Visit) {
    const timeZone = visit.prison.timezone;
    const actions = this.visits.actions(visit);
    const time = this.t('calendar.timeRange', {
      start: formatTime(this.locale, visit.start, timeZone),
      end: formatTime(this.locale, visit.end, timeZone),
    });
    const headingId = `visit-${visit.id}-title`;
    // Two visits on one day must not share a heading or button names: the hidden part names this one.
    const forVisit = html`<span class="visually-hidden"
      >${this.t('visits.forVisit', { when: this.when(visit), reference: visit.reference })}</span
    >`;
    const outcome = visit.callOutcome;
    const review = reviewNotice(visit);
    return html`<li class="visit panel" part="visit" id="visit-${visit.id}" data-status=${visit.status}>
      <h3 id=${headingId} tabindex="-1" aria-describedby=${review ? `visit-${visit.id}-review` : nothing}>
        ${formatDay(this.locale, visit.start, timeZone)}<span class="visually-hidden"
          >${this.t('visits.headingMore', {
            time,
            prisoner: `${visit.prisoner.firstName} ${visit.prisoner.lastName}`,
            reference: visit.reference,
          })}</span
        >
      </h3>
      ${renderReviewNotice(visit, review, this.t.bind(this))}
      <dl>
        <dt>${this.t('visits.time')}</dt>
        <dd>${time}</dd>
        <dt>${this.t('booking.visitors.type')}</dt>
        <dd>${this.t(`common.visitType.${visit.type}`)}</dd>
        <dt>${this.t('visits.visiting')}</dt>
        <dd>${visit.prisoner.firstName} ${visit.prisoner.lastName}, ${visit.prison.name}</dd>
        <dt>${this.t('booking.check.visitors')}</dt>
        <dd>${visit.visitors.map((visitor) => `${visitor.firstName} ${visitor.lastName}`).join(', ')}</dd>
        <dt>${this.t('visits.status')}</dt>
        <dd>
          <strong class="tag" part="status" data-status=${visit.status}
            >${this.t(`visits.status.${visit.status}`)}</strong
          >
        </dd>
        ${
          outcome
            ? html`<dt>${this.t('visits.outcome')}</dt>
                <dd part="outcome" data-outcome=${outcome.result}>
                  ${this.t(`visits.outcome.${outcome.result}`)}${
                    outcome.staffReason
                      ? html`.
                        ${this.t('visits.outcome.reason', { reason: this.t(`visits.outcome.reason.${familyReason(outcome.staffReason)}`) })}`
                      : nothing
                  }
                </dd>`
            : nothing
        }
        <dt>${this.t('visits.reference')}</dt>
        <dd>${visit.reference}</dd>
        ${
          visit.cancellation
            ? html`<dt>${this.t('visits.cancelReason')}</dt>
                <dd>
                  ${this.t(
                    visit.cancellation.reason === 'booker-cancelled' ||
                      visit.cancellation.reason === 'prisoner-cancelled'
                      ? `visits.cancel.reason.${visit.cancellation.reason}`
                      : 'visits.cancel.reason.other',
                  )}${visit.cancellation.note ? html`: ${visit.cancellation.note}` : nothing}
                </dd>`
            : nothing
        }
      </dl>
      ${
        actions.join || actions.joinFrom || actions.change || actions.cancel
          ? html`<div class="button-group" part="actions">
              ${
                actions.join
                  ? html`<button type="button" class="button" part="join" @click=${() => this.join(visit)}>
                      ${this.t('visits.join')}${forVisit}
                    </button>`
                  : actions.joinFrom
                    ? html`<p class="hint">
                        ${this.t('visits.joinFrom', {
                          time: formatTime(this.locale, actions.joinFrom, timeZone),
                          date: formatDay(this.locale, actions.joinFrom, timeZone, false),
                        })}
                      </p>`
                    : nothing
              }
              ${
                actions.change
                  ? html`<button
                      type="button"
                      class="button"
                      data-variant="secondary"
                      @click=${() => this.startChange(visit)}
                    >
                      ${this.t('visits.change')}${forVisit}
                    </button>`
                  : nothing
              }
              ${
                actions.cancel
                  ? html`<button
                      type="button"
                      class="button"
                      data-variant="warning"
                      id="cancel-${visit.id}"
                      @click=${() => this.openCancel(visit)}
                    >
                      ${this.t('visits.cancel')}${forVisit}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </li>`;
  }

  private renderChange(visit: Visit) {
    const timeZone = visit.prison.timezone;
    const prison = this.visits.prisons.value?.find((item) => item.code === visit.prison.code);
    const slotError = this.errors.find((error) => error.field === 'slot')?.message;
    return html`<section part="change">
      ${renderErrorSummary(this.t('common.errorSummaryTitle'), this.errors, (field) => this.focusField(field))}
      <h2 tabindex="-1" data-heading>${this.t('visits.changeTitle')}</h2>
      <p>${this.t('visits.changeIntro', { when: this.when(visit), reference: visit.reference })}</p>
      ${
        this.alternatives
          ? renderSlotTaken({
              t: (key) => this.t(key),
              alternatives: this.alternatives,
              busy: this.busy,
              label: (slot) =>
                this.t('visits.moveTo', { when: this.when({ ...slot, prison: visit.prison }) }),
              choose: (slot) => void this.submitChange(slot),
            })
          : nothing
      }
      ${this.visits.availability.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        error: (error) =>
          html`<div class="notice" data-tone="danger" part="notice">
            <p>${this.describeError(error)}</p>
            <button
              type="button"
              class="button"
              data-variant="secondary"
              @click=${() => void this.visits.availability.run()}
            >
              ${this.t('common.retry')}
            </button>
          </div>`,
        complete: (availability) =>
          availability
            ? staticHtml`<${tag('visit-session-calendar')}
                id="slot"
                part="calendar"
                exportparts="month, grid, day, times, day-notice"
                .availability=${availability}
                .value=${this.pendingSlot?.id}
                .viewerTimeZone=${this.viewerTimeZone}
                .window=${prison?.bookingWindow}
                .error=${slotError}
                .strings=${this.strings}
                @calendar-select=${(event: CalendarSelectEvent) => (this.pendingSlot = event.slot)}
              ></${tag('visit-session-calendar')}>`
            : this.renderLoading(),
      })}
      ${
        this.pendingSlot
          ? html`<p>
              <strong>${this.t('booking.slot.chosen')}:</strong>
              ${this.when({ ...this.pendingSlot, prison: { ...visit.prison, timezone: timeZone } })}
            </p>`
          : nothing
      }
      <div class="button-group">
        <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.submitChange()}>
          ${this.busy ? this.t('booking.working') : this.t('visits.confirmChange')}
        </button>
        <button
          type="button"
          class="button"
          data-variant="secondary"
          @click=${() => this.stopChange(visit.id)}
        >
          ${this.t('visits.keepTime')}
        </button>
      </div>
    </section>`;
  }
}
