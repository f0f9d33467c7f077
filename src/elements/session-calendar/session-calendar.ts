import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitElement } from '../../core/visit-element.js';
import {
  addDays,
  addMonths,
  clampDate,
  monthWeeks,
  startOfMonth,
  todayIn,
  weekdayIndex,
} from '../../core/dates.js';
import type { Availability, AvailabilityDay, Slot } from '../../api/family.js';
import { CalendarSelectEvent } from '../shared/calendar-select.js';
import { formatDay, formatMonth, formatTime, weekdayNames, zoneCity, zonesDiffer } from '../../i18n/dates.js';
import { bookingMessages, commonMessages } from '../../i18n/areas.js';
import { calendarMessages } from '../../i18n/calendar.js';

/**
 * @summary A month grid of real visit sessions in the prison's time zone, with the times of the chosen
 * day below it. Used by `<visit-booking>` and by `<visit-my-visits>` to change a visit.
 *
 * Keyboard (WAI-ARIA date grid): arrows move a day or a week, Home/End to the start/end of the week,
 * PageUp/PageDown a month; Enter or Space chooses the day.
 *
 * @csspart month - The month heading and its previous/next buttons.
 * @csspart grid - The table of days.
 * @csspart day - Each day button (`data-state="available|full|none"`).
 * @csspart times - The list of times on the chosen day.
 * @csspart day-notice - Why a chosen day has no times.
 *
 * @cssprop [--visit-calendar-available=var(--visit-color-success)] - Marker of days with free sessions.
 */
export class VisitSessionCalendar extends VisitElement {
  static override messages = [commonMessages, bookingMessages, calendarMessages];

  static override styles = [
    ...VisitElement.styles,
    css`
      :host {
        --_available: var(--visit-calendar-available, var(--_success));
      }
      .month {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--_space);
        margin-bottom: var(--_space);
      }
      .month h3 {
        margin: 0;
        text-align: center;
        flex: 1;
      }
      .month .button {
        min-width: 44px;
        padding-inline: var(--_space);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        max-width: 28rem;
        table-layout: fixed;
        margin-bottom: calc(var(--_space) * 2);
      }
      th {
        font-weight: 600;
        font-size: 0.875em;
        padding: 2px 0;
        text-align: center;
      }
      td {
        padding: 2px;
        text-align: center;
      }
      .day {
        width: 100%;
        min-width: 0;
        min-height: 44px;
        padding: 0;
        font: inherit;
        border: 2px solid transparent;
        border-radius: var(--_radius);
        background: none;
        color: var(--_muted);
        cursor: pointer;
        position: relative;
      }
      .day[data-state='available'] {
        color: var(--_text);
        font-weight: 700;
        border-color: var(--_border);
      }
      .day[data-state='available']::after {
        content: '';
        position: absolute;
        left: 20%;
        right: 20%;
        bottom: 4px;
        height: 4px;
        background: var(--_available);
      }
      .day[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_on-primary);
        border-color: var(--_primary);
      }
      .day[data-today] {
        text-decoration: underline;
      }
      .legend {
        font-size: 0.875em;
      }
      .times .choice {
        flex-wrap: wrap;
      }
      .times .hint {
        display: block;
        font-size: 0.9em;
      }
      @media (forced-colors: active) {
        /* Chosen and focused must not look alike: the chosen day is filled with the system's selection
           colours and outlined; keyboard focus on a day is a double ring set off from it. */
        .day[aria-pressed='true'] {
          forced-color-adjust: none;
          background: SelectedItem;
          color: SelectedItemText;
          border-color: SelectedItem;
          outline: 3px solid Highlight;
        }
        .day:focus-visible {
          outline: 5px double CanvasText;
          outline-offset: 2px;
        }
        .day[data-state='available']::after {
          background: CanvasText;
        }
      }
    `,
  ];

  /** Days and sessions from `GET /prisoners/{id}/availability`. */
  @property({ attribute: false }) availability?: Availability;

  /** The chosen slot's id. */
  @property({ attribute: false }) value?: string;

  /** The family's time zone (defaults to the browser's); times are also shown in it when it differs. */
  @property({ attribute: false }) viewerTimeZone?: string;

  /** Booking window of the prison, to explain days outside it. */
  @property({ attribute: false }) window?: { minNoticeDays: number; maxNoticeDays: number };

  /** Inline error for the time choice, shown above the times (id `slot-error`). */
  @property({ attribute: false }) error?: string;

  /** The day with keyboard focus in the grid. */
  @state() private activeDate?: string;
  /** The day whose times are shown. */
  @state() private chosenDate?: string;

  #focusAfterRender = false;

  private get days(): Map<string, AvailabilityDay> {
    return new Map((this.availability?.days ?? []).map((day) => [day.date, day]));
  }

  private get range(): { first: string; last: string } | undefined {
    const days = this.availability?.days ?? [];
    if (!days.length) return undefined;
    return { first: days[0]!.date, last: days[days.length - 1]!.date };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('availability') || changed.has('value')) {
      const range = this.range;
      if (!range) return;
      const chosenSlotDay = this.value ? this.dayOfSlot(this.value) : undefined;
      if (chosenSlotDay) this.chosenDate = chosenSlotDay;
      if (!this.activeDate || this.activeDate < range.first || this.activeDate > range.last) {
        const firstAvailable = this.availability!.days.find((day) => this.hasFreeSession(day))?.date;
        this.activeDate = chosenSlotDay ?? firstAvailable ?? range.first;
      }
    }
  }

  private dayOfSlot(slotId: string): string | undefined {
    return this.availability?.days.find((day) => day.sessions.some((slot) => slot.id === slotId))?.date;
  }

  private hasFreeSession(day: AvailabilityDay): boolean {
    return day.sessions.some((slot) => this.bookable(slot));
  }

  /** Free and not started yet (a backend may still list today's earlier sessions). */
  private bookable(slot: Slot): boolean {
    return slot.remaining > 0 && Date.parse(slot.start) > this.clock.now();
  }

  /** Moves keyboard focus to the active day (the error summary links here). */
  override focus(options?: FocusOptions): void {
    const target =
      this.shadowRoot?.querySelector<HTMLElement>('input[name="slot"]:checked') ??
      this.shadowRoot?.querySelector<HTMLElement>('.day[tabindex="0"]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  private moveTo(date: string): void {
    const range = this.range;
    if (!range) return;
    this.activeDate = clampDate(date, range.first, range.last);
    this.#focusAfterRender = true;
  }

  private onGridKeydown(event: KeyboardEvent): void {
    const active = this.activeDate;
    if (!active) return;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(active, -1),
      ArrowRight: () => addDays(active, 1),
      ArrowUp: () => addDays(active, -7),
      ArrowDown: () => addDays(active, 7),
      Home: () => addDays(active, -weekdayIndex(active)),
      End: () => addDays(active, 6 - weekdayIndex(active)),
      PageUp: () => addMonths(active, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(active, event.shiftKey ? 12 : 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.moveTo(move());
  }

  private choose(date: string): void {
    this.activeDate = date;
    this.chosenDate = date;
    const day = this.days.get(date);
    const free = day?.sessions.filter((slot) => this.bookable(slot)) ?? [];
    // One free time on that day: choosing the day chooses it.
    if (free.length === 1 && this.value !== free[0]!.id)
      this.dispatchEvent(new CalendarSelectEvent(free[0]!));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.shadowRoot?.querySelector<HTMLElement>('.day[tabindex="0"]')?.focus();
    }
  }

  protected override render() {
    const availability = this.availability;
    const range = this.range;
    if (!availability || !range || !this.activeDate) return html`<p>${this.t('calendar.noDays')}</p>`;
    const month = startOfMonth(this.activeDate);
    const canPrevious = month > startOfMonth(range.first);
    const canNext = month < startOfMonth(range.last);
    const longNames = weekdayNames(this.locale, 'long');
    const shortNames = weekdayNames(this.locale, 'short');
    const today = todayIn(availability.timezone, this.clock.now());
    return html`
      <div class="month" part="month">
        <button
          type="button"
          class="button"
          data-variant="secondary"
          ?disabled=${!canPrevious}
          aria-label=${this.t('calendar.previousMonth')}
          @click=${() => (this.activeDate = clampDate(addMonths(month, -1), range.first, range.last))}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <h3 id="month-label" aria-live="polite">${formatMonth(this.locale, month)}</h3>
        <button
          type="button"
          class="button"
          data-variant="secondary"
          ?disabled=${!canNext}
          aria-label=${this.t('calendar.nextMonth')}
          @click=${() => (this.activeDate = clampDate(addMonths(month, 1), range.first, range.last))}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <p class="hint legend" id="calendar-hint">
        ${
          this.window
            ? html`${this.t('calendar.windowHint', {
                min: this.window.minNoticeDays,
                max: this.window.maxNoticeDays,
              })} `
            : nothing
        }${this.t('calendar.keyboardHint')}
      </p>
      <table
        role="grid"
        part="grid"
        aria-labelledby="month-label"
        aria-describedby="calendar-hint"
        @keydown=${this.onGridKeydown}
      >
        <thead>
          <tr>
            ${longNames.map(
              (name, index) =>
                html`<th scope="col" abbr=${name}>
                  <span aria-hidden="true">${shortNames[index]}</span
                  ><span class="visually-hidden">${name}</span>
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${monthWeeks(month).map(
            (week) =>
              html`<tr>
                ${week.map((date) =>
                  date && date >= range.first && date <= range.last
                    ? this.renderDay(date, today)
                    : html`<td role="gridcell">
                        ${
                          date
                            ? html`<span class="muted"
                                ><span aria-hidden="true">${Number(date.slice(8))}</span
                                ><span class="visually-hidden"
                                  >${formatDay(this.locale, date, 'UTC', false)},
                                  ${this.t('calendar.outsideWindow')}</span
                                ></span
                              >`
                            : nothing
                        }
                      </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
      ${this.chosenDate ? this.renderChosenDay(this.chosenDate) : nothing}
    `;
  }

  private renderDay(date: string, today: string) {
    const day = this.days.get(date);
    const free = day ? day.sessions.filter((slot) => this.bookable(slot)).length : 0;
    const state = free > 0 ? 'available' : day?.sessions.length ? 'full' : 'none';
    const label = `${formatDay(this.locale, date, 'UTC', false)}, ${
      state === 'available'
        ? this.t('calendar.sessionsFree', { count: free })
        : state === 'full'
          ? this.t('calendar.dayFull')
          : day?.unavailableReason === 'outside-window'
            ? `${this.t('calendar.noSessions')}, ${this.t('calendar.outsideWindow')}`
            : this.t('calendar.noSessions')
    }`;
    const chosen = date === this.chosenDate;
    return html`<td role="gridcell" aria-selected=${chosen ? 'true' : 'false'}>
      <button
        type="button"
        class="day"
        part="day"
        data-date=${date}
        data-state=${state}
        ?data-today=${date === today}
        aria-current=${date === today ? 'date' : nothing}
        aria-pressed=${chosen ? 'true' : 'false'}
        aria-label=${label}
        tabindex=${date === this.activeDate ? 0 : -1}
        @click=${() => this.choose(date)}
        @focus=${() => (this.activeDate = date)}
      >
        ${Number(date.slice(8))}
      </button>
    </td>`;
  }

  private renderChosenDay(date: string) {
    const day = this.days.get(date);
    const heading = formatDay(this.locale, date, 'UTC');
    const sessions = day?.sessions ?? [];
    if (!sessions.length) {
      const reason = day?.unavailableReason ?? 'no-sessions';
      const text =
        reason === 'excluded'
          ? this.t('calendar.reason.excluded')
          : reason === 'outside-window'
            ? this.t('calendar.reason.outsideWindow', {
                min: this.window?.minNoticeDays ?? 0,
                max: this.window?.maxNoticeDays ?? 0,
              })
            : this.t('calendar.reason.noSessions');
      return html`<div class="notice" part="day-notice" role="status">
        <h3>${heading}</h3>
        <p>${text}</p>
      </div>`;
    }
    const timeZone = this.availability!.timezone;
    const viewer = this.viewerTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<fieldset
      class="times field ${this.error ? 'field--error' : ''}"
      part="times"
      aria-describedby=${this.error ? 'slot-error' : nothing}
    >
      <legend>${this.t('calendar.timesOn', { date: heading })}</legend>
      ${
        this.error
          ? html`<p class="error-message" id="slot-error">
              <span class="visually-hidden">${this.t('form.errorPrefix')}</span> ${this.error}
            </p>`
          : nothing
      }
      ${sessions.map((slot) => {
        const time = this.t('calendar.timeRange', {
          start: formatTime(this.locale, slot.start, timeZone),
          end: formatTime(this.locale, slot.end, timeZone),
        });
        const own = zonesDiffer(slot.start, timeZone, viewer)
          ? this.t('calendar.yourTime', {
              start: formatTime(this.locale, slot.start, viewer),
              end: formatTime(this.locale, slot.end, viewer),
              zone: zoneCity(viewer),
            })
          : '';
        const places =
          slot.remaining > 0
            ? this.t('calendar.placesLeft', { count: slot.remaining })
            : this.t('calendar.slotFull');
        return html`<div class="choice">
          <input
            type="radio"
            name="slot"
            id="slot-${slot.id}"
            .value=${slot.id}
            .checked=${slot.id === this.value}
            ?disabled=${!this.bookable(slot)}
            aria-describedby="slot-${slot.id}-hint"
            @change=${() => this.dispatchEvent(new CalendarSelectEvent(slot))}
          />
          <label for="slot-${slot.id}">
            ${time}
            <span class="hint" id="slot-${slot.id}-hint"
              >${slot.legal ? html`${this.t('calendar.legal')}. ` : nothing}${own ? html`${own}. ` : nothing}${places}</span
            >
          </label>
        </div>`;
      })}
    </fieldset>`;
  }
}
