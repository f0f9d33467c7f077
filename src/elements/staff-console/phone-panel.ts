import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import { ADJUSTMENT_REASONS, type StaffFamily, type StaffFamilyLink } from '../../api/on-behalf.js';
import { commonMessages, phoneMessages, staffMessages } from '../../i18n/areas.js';
import type { MessageKey } from '../../i18n/index.js';
import { dateIn, fullName } from './model.js';
import { PhoneBooking } from './phone-booking.js';
import { StaffPanel } from './staff-panel.js';

type Visit = PhoneBooking['visits'][number];

/** The most a balance may hold, until the backend says (`AllowanceHistory.max`). */
const DEFAULT_MAX = 26;

const styles = css`
  section {
    margin-block: var(--_console-gap);
  }
  .scroll {
    overflow-x: auto;
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.plain li {
    margin-block: 6px;
  }
`;

/**
 * Phone bookings: staff find a family (by email or prison number), see the person's visit allowance and its
 * adjustments, adjust it with a reason, and book, change or cancel a visit for the family. The backend applies
 * the family's own rules; the family is told. Part of `<visit-staff-console>`; the logic is `PhoneBooking`.
 */
export class StaffPhonePanel extends StaffPanel {
  static override messages = [commonMessages, staffMessages, phoneMessages];
  static override styles = [...StaffPanel.styles, styles];

  /** The section's state and actions; by default one made from the console's client (stories pass their own). */
  @property({ attribute: false }) booking?: PhoneBooking;
  @state() private model?: PhoneBooking;
  @state() private searchError?: string;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private adjusting = false;
  @state() private cancelling?: Visit;
  readonly #onChange = () => this.requestUpdate();

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const client = this.store?.client;
    const wanted =
      this.booking ?? (client && client !== this.model?.client ? new PhoneBooking(client) : this.model);
    if (wanted !== this.model) {
      this.model?.removeEventListener('change', this.#onChange);
      this.model = wanted;
      this.model?.addEventListener('change', this.#onChange);
    }
  }

  #today(): string {
    return dateIn(this.clock.now(), this.store?.timeZone);
  }

  /** What the backend refused, with each field's reason (e.g. a visitor the prison's rules do not allow). */
  #problem(): string | undefined {
    const problem = this.model?.problem;
    if (!problem) return undefined;
    const fields = problem instanceof VisitApiError ? problem.fieldErrors.map((error) => error.message) : [];
    return [this.describeError(problem), ...fields].join(' ');
  }

  async #search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const term = String(new FormData(event.target as HTMLFormElement).get('term') ?? '');
    this.searchError = undefined;
    const ok = await this.model?.search(term);
    if (ok === false) {
      this.searchError = this.t('phone.search.invalid');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#phone-term')?.focus();
      return;
    }
    const model = this.model!;
    this.announce(
      model.families.length
        ? this.t('phone.search.found', { count: model.families.length })
        : this.t('phone.search.none'),
    );
  }

  async #choose(family: StaffFamily, link: StaffFamilyLink): Promise<void> {
    await this.model?.choose(family, link, this.#today());
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#phone-family')?.focus();
  }

  async #hold(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const slotId = String(new FormData(event.target as HTMLFormElement).get('slot') ?? '');
    if (!slotId) {
      this.fieldErrors = { slot: this.t('phone.sessions.missing') };
      return;
    }
    this.fieldErrors = {};
    await this.model?.holdSession(slotId);
    await this.updateComplete;
    if (this.model?.hold) this.renderRoot.querySelector<HTMLElement>('#phone-held')?.focus();
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const model = this.model!;
    const visitorIds = new FormData(event.target as HTMLFormElement).getAll('visitor').map(String);
    if (!model.changing && visitorIds.length === 0) {
      this.fieldErrors = { visitors: this.t('phone.visitors.missing') };
      return;
    }
    this.fieldErrors = {};
    await model.confirm(visitorIds);
    this.#announceDone();
  }

  #announceDone(): void {
    const done = this.model?.done;
    if (!done) return;
    const vars = { reference: done.visit.reference, when: this.#when(done.visit.start) };
    this.announce(this.t(`phone.done.${done.kind}` as MessageKey, vars));
    this.acted('phone-booking', done.visit.id);
  }

  async #adjust(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const delta = Number(data.get('delta'));
    const reason = String(data.get('reason')) as (typeof ADJUSTMENT_REASONS)[number];
    const note = String(data.get('note') ?? '').trim();
    const errors: Record<string, string> = {};
    if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > this.#max)
      errors.delta = this.t('phone.adjust.deltaInvalid', { max: this.#max });
    if (reason === 'other' && !note) errors.note = this.t('phone.adjust.noteMissing');
    this.fieldErrors = errors;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#adjust-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    const ok = await this.model?.adjust({ delta, reason, ...(note ? { note } : {}) });
    if (ok) {
      this.closeDialog('adjust');
      this.announce(this.t('phone.adjust.done', { count: this.model?.allowance?.allowance.remaining ?? 0 }));
      this.acted('allowance', this.model!.link!.prisoner.id);
    }
  }

  async #cancel(): Promise<void> {
    const visit = this.cancelling;
    if (!visit) return;
    await this.model?.cancel(visit);
    this.closeDialog('phone-cancel');
    this.#announceDone();
  }

  get #max(): number {
    return this.model?.allowance?.max ?? DEFAULT_MAX;
  }

  #when(iso: string): string {
    return `${this.day(iso)} ${this.time(iso)}`;
  }

  override render() {
    const model = this.model;
    return html`<h2 tabindex="-1">${this.t('phone.title')}</h2>
      <p class="hint">${this.t('phone.intro')}</p>
      ${this.renderSearch()} ${model?.family && model.link ? this.renderFamily() : nothing}
      ${this.renderAdjustDialog()} ${this.renderCancelDialog()} ${this.renderAnnouncer()}`;
  }

  private renderSearch() {
    const model = this.model;
    const error = this.searchError;
    return html`<form class="toolbar" novalidate @submit=${this.#search}>
        <div class="field ${error ? 'field--error' : ''}">
          <label for="phone-term">${this.t('phone.search.label')}</label>
          <span class="hint" id="phone-term-hint">${this.t('phone.search.hint')}</span>
          ${error ? html`<span class="error-message" id="phone-term-error">${error}</span>` : nothing}
          <input
            id="phone-term"
            name="term"
            type="text"
            autocomplete="off"
            aria-describedby="phone-term-hint ${error ? 'phone-term-error' : ''}"
          />
        </div>
        <button class="button" type="submit" ?disabled=${model?.searchStatus === 'pending'}>
          ${this.t('phone.search.button')}
        </button>
      </form>
      ${model?.searchStatus === 'error' ? this.alert(this.#problem()) : nothing}
      ${
        model?.searchStatus === 'complete' && !model.family
          ? model.families.length
            ? html`<ul class="plain">
                ${model.families.flatMap((family) =>
                  family.links.map(
                    (link) =>
                      html`<li>
                        <button
                          class="button"
                          data-variant="secondary"
                          type="button"
                          @click=${() => void this.#choose(family, link)}
                        >
                          ${this.t('phone.choose', {
                            family: fullName(family),
                            prisoner: fullName(link.prisoner),
                          })}
                        </button>
                      </li>`,
                  ),
                )}
              </ul>`
            : html`<p>${this.t('phone.search.none')}</p>`
          : nothing
      }`;
  }

  private renderFamily() {
    const model = this.model!;
    const family = model.family!;
    const link = model.link!;
    const language = this.t(`phone.language.${family.language}` as MessageKey);
    return html`<section aria-labelledby="phone-family">
      <h3 id="phone-family" tabindex="-1">
        ${this.t('phone.family.title', {
          family: fullName(family),
          prisoner: fullName(link.prisoner),
          number: link.prisoner.prisonNumber,
        })}
      </h3>
      <p>${this.t('phone.family.contact', { email: family.email, language })}</p>
      ${model.busy ? html`<p role="status"><span class="spinner"></span> ${this.t('common.loading')}</p>` : nothing}
      ${!this.adjusting ? this.alert(this.#problem()) : nothing}
      ${
        model.done
          ? html`<p class="notice" data-tone="success">
              ${this.t(`phone.done.${model.done.kind}` as MessageKey, {
                reference: model.done.visit.reference,
                when: this.#when(model.done.visit.start),
              })}
            </p>`
          : nothing
      }
      ${this.renderAllowance()} ${this.renderVisits()}
      ${model.hold ? this.renderHeld() : this.renderSessions()}
    </section>`;
  }

  private renderAllowance() {
    const history = this.model?.allowance;
    if (!history) return nothing;
    return html`<section aria-labelledby="phone-allowance">
      <h3 id="phone-allowance">${this.t('phone.allowance.title')}</h3>
      <p>
        <strong
          >${this.t('phone.allowance.left', {
            count: history.allowance.remaining,
            date: this.calendarDate(history.allowance.periodEnds),
          })}</strong
        >
      </p>
      <button class="button" data-variant="secondary" type="button" @click=${() => this.#openAdjust()}>
        ${this.t('phone.allowance.adjust')}
      </button>
      ${
        history.adjustments.length
          ? html`<div
              class="scroll"
              tabindex="0"
              role="region"
              aria-label=${this.t('phone.allowance.history')}
            >
              <table>
                <caption>
                  ${this.t('phone.allowance.history')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('phone.allowance.when')}</th>
                    <th scope="col">${this.t('phone.allowance.change')}</th>
                    <th scope="col">${this.t('phone.allowance.balance')}</th>
                    <th scope="col">${this.t('phone.allowance.reason')}</th>
                    <th scope="col">${this.t('phone.allowance.by')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${history.adjustments.map(
                    (a) =>
                      html`<tr>
                        <td>${this.#when(a.at)}</td>
                        <td>${a.delta > 0 ? `+${a.delta}` : `−${-a.delta}`}</td>
                        <td>${a.balanceAfter}</td>
                        <td>${this.#reasonText(a)}</td>
                        <td>${a.staff}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="hint">${this.t('phone.allowance.noHistory')}</p>`
      }
    </section>`;
  }

  #reasonText(a: { reason: string; note?: string | undefined }): string {
    const reason = this.t(`phone.reason.${a.reason}` as MessageKey);
    return a.note ? `${reason}: ${a.note}` : reason;
  }

  async #openAdjust(): Promise<void> {
    this.fieldErrors = {};
    this.adjusting = true;
    await this.openDialog('adjust');
  }

  private renderVisits() {
    const visits = this.model?.visits ?? [];
    return html`<section aria-labelledby="phone-visits">
      <h3 id="phone-visits">${this.t('phone.visits.title')}</h3>
      ${
        visits.length
          ? html`<ul class="plain">
              ${visits.map(
                (visit) =>
                  html`<li>
                    ${visit.reference} · ${this.#when(visit.start)} ·
                    ${this.t(`phone.type.${visit.type}` as MessageKey)}
                    <span class="actions">
                      <button
                        class="button"
                        data-size="small"
                        data-variant="secondary"
                        type="button"
                        ?disabled=${this.model?.busy}
                        @click=${() => this.model?.startChange(visit)}
                      >
                        ${this.t('phone.visits.change', { reference: visit.reference })}
                      </button>
                      <button
                        class="button"
                        data-size="small"
                        data-variant="warning"
                        type="button"
                        ?disabled=${this.model?.busy}
                        @click=${() => void this.#openCancel(visit)}
                      >
                        ${this.t('phone.visits.cancel', { reference: visit.reference })}
                      </button>
                    </span>
                  </li>`,
              )}
            </ul>`
          : html`<p class="hint">${this.t('phone.visits.none')}</p>`
      }
    </section>`;
  }

  async #openCancel(visit: Visit): Promise<void> {
    this.cancelling = visit;
    await this.openDialog('phone-cancel');
  }

  private renderSessions() {
    const model = this.model!;
    const error = this.fieldErrors.slot;
    return html`<section aria-labelledby="phone-sessions">
      <h3 id="phone-sessions">${this.t('phone.sessions.title')}</h3>
      ${
        model.changing
          ? html`<p>${this.t('phone.sessions.changing', { reference: model.changing.reference })}</p>`
          : nothing
      }
      <div class="field">
        <label for="phone-type">${this.t('phone.sessions.type')}</label>
        <select
          id="phone-type"
          @change=${(event: Event) =>
            void model.loadSessions(this.#today(), (event.target as HTMLSelectElement).value as 'video')}
        >
          ${(['video', 'in-person'] as const).map(
            (type) =>
              html`<option value=${type} ?selected=${model.type === type}>
                ${this.t(`phone.type.${type}` as MessageKey)}
              </option>`,
          )}
        </select>
      </div>
      ${
        model.slots.length
          ? html`<form novalidate @submit=${this.#hold}>
              <fieldset
                class="field ${error ? 'field--error' : ''}"
                aria-describedby=${error ? 'slot-error' : nothing}
              >
                <legend>${this.t('phone.sessions.title')}</legend>
                ${error ? html`<span class="error-message" id="slot-error">${error}</span>` : nothing}
                ${model.slots.slice(0, 40).map(
                  (slot) =>
                    html`<div class="choice">
                      <input type="radio" name="slot" id="slot-${slot.id}" value=${slot.id} />
                      <label for="slot-${slot.id}"
                        >${this.t('phone.sessions.slot', {
                          when: this.#when(slot.start),
                          remaining: slot.remaining,
                        })}</label
                      >
                    </div>`,
                )}
              </fieldset>
              <button class="button" type="submit" ?disabled=${model.busy}>
                ${this.t('phone.sessions.hold')}
              </button>
            </form>`
          : html`<p class="hint">${this.t('phone.sessions.none')}</p>`
      }
    </section>`;
  }

  private renderHeld() {
    const model = this.model!;
    const hold = model.hold!;
    const error = this.fieldErrors.visitors;
    const people = (model.link?.visitors ?? []).filter((v) => v.status === 'approved' && !v.bannedUntil);
    return html`<section aria-labelledby="phone-held">
      <h3 id="phone-held" tabindex="-1">${this.t('phone.held.title', { when: this.#when(hold.start) })}</h3>
      <p class="hint">${this.t('phone.held.hint', { time: this.time(hold.expiresAt) })}</p>
      <form novalidate @submit=${this.#confirm}>
        ${
          model.changing
            ? nothing
            : html`<fieldset
                class="field ${error ? 'field--error' : ''}"
                aria-describedby=${error ? 'visitors-error' : nothing}
              >
                <legend>${this.t('phone.visitors.legend')}</legend>
                ${error ? html`<span class="error-message" id="visitors-error">${error}</span>` : nothing}
                ${people.map(
                  (person) =>
                    html`<div class="choice">
                      <input
                        type="checkbox"
                        name="visitor"
                        id="visitor-${person.id}"
                        value=${person.id}
                        ?checked=${person.lead}
                      />
                      <label for="visitor-${person.id}"
                        >${
                          person.lead
                            ? this.t('phone.visitors.lead', { name: fullName(person) })
                            : `${fullName(person)} (${person.relationship})`
                        }</label
                      >
                    </div>`,
                )}
              </fieldset>`
        }
        <div class="button-group">
          <button class="button" type="submit" ?disabled=${model.busy}>
            ${this.t(model.changing ? 'phone.move' : 'phone.book')}
          </button>
          <button
            class="button"
            data-variant="secondary"
            type="button"
            ?disabled=${model.busy}
            @click=${() => void model.releaseHold()}
          >
            ${this.t('phone.release')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private renderAdjustDialog() {
    const errors = this.fieldErrors;
    const field = (name: string) => (errors[name] ? `adjust-${name}-error` : '');
    return this.formDialog({
      id: 'adjust',
      title: this.t('phone.adjust.title'),
      open: this.adjusting,
      problem: this.adjusting ? this.#problem() : undefined,
      submit: this.t('phone.adjust.submit'),
      busy: Boolean(this.model?.busy),
      onSubmit: (event) => void this.#adjust(event),
      onClose: () => {
        this.adjusting = false;
        if (this.model) this.model.problem = undefined;
      },
      body: html`<div class="field ${errors.delta ? 'field--error' : ''}">
          <label for="adjust-delta">${this.t('phone.adjust.delta')}</label>
          <span class="hint" id="adjust-delta-hint"
            >${this.t('phone.adjust.deltaHint', { max: this.#max })}</span
          >
          ${errors.delta ? html`<span class="error-message" id="adjust-delta-error">${errors.delta}</span>` : nothing}
          <input
            id="adjust-delta"
            name="delta"
            type="number"
            step="1"
            min=${-this.#max}
            max=${this.#max}
            inputmode="numeric"
            aria-describedby="adjust-delta-hint ${field('delta')}"
          />
        </div>
        <div class="field">
          <label for="adjust-reason">${this.t('phone.adjust.reason')}</label>
          <select id="adjust-reason" name="reason">
            ${ADJUSTMENT_REASONS.map(
              (reason) =>
                html`<option value=${reason}>${this.t(`phone.reason.${reason}` as MessageKey)}</option>`,
            )}
          </select>
        </div>
        ${this.textArea({
          id: 'adjust-note',
          name: 'note',
          label: this.t('phone.adjust.note'),
          hint: this.t('phone.adjust.noteHint'),
          error: errors.note,
          rows: 2,
          maxlength: 500,
        })}`,
    });
  }

  private renderCancelDialog() {
    const visit = this.cancelling;
    return html`<dialog
      id="phone-cancel"
      role="alertdialog"
      aria-labelledby="phone-cancel-title"
      aria-describedby="phone-cancel-body"
      @close=${() => (this.cancelling = undefined)}
    >
      ${
        visit
          ? html`<h2 id="phone-cancel-title">
                ${this.t('phone.cancel.title', { reference: visit.reference })}
              </h2>
              <p id="phone-cancel-body">${this.t('phone.cancel.body', { when: this.#when(visit.start) })}</p>
              ${this.dialogActions('phone-cancel', this.t('phone.cancel.confirm'), {
                variant: 'warning',
                busy: Boolean(this.model?.busy),
                onClick: () => void this.#cancel(),
              })}`
          : nothing
      }
    </dialog>`;
  }
}
