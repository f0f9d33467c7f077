import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { MessageKey } from '../../i18n/index.js';
import { fullName } from './model.js';
import {
  strandedVisits,
  type ExcludedDate,
  type SessionTemplate,
  type SessionTemplateInput,
  type Visit,
  type VisitType,
} from '../../api/staff.js';
import { StaffPanel, type LoadStatus } from './staff-panel.js';

type Field = 'type' | 'dayOfWeek' | 'startTime' | 'endTime' | 'capacity' | 'validFrom' | 'validTo';

interface PendingChange {
  visits: Visit[];
  /** Runs the change again with `confirm=true`. */
  confirm: () => Promise<unknown>;
  done: () => void;
}

/**
 * Session templates (day, time, type, capacity) and excluded dates. A change that would strand booked
 * visits is answered `409 would-strand` by the backend: the panel lists those visits and asks before
 * confirming. Part of `<visit-staff-console>`.
 */
export class StaffPlanningPanel extends StaffPanel {
  @state() templates: SessionTemplate[] = [];
  @state() excluded: ExcludedDate[] = [];
  @state() private status: LoadStatus = 'idle';
  @state() private loadError?: string;
  @state() private editing?: SessionTemplate | 'new';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem?: string;
  @state() private dialogProblem?: string;
  @state() private excludeErrors: { date?: string; reason?: string } = {};
  @state() private pending?: PendingChange;
  @state() private busy = false;

  protected override firstShown(): void {
    void this.load();
  }

  async load(): Promise<void> {
    const api = this.store?.api;
    if (!api) return;
    this.status = 'pending';
    try {
      const [templates, excluded] = await Promise.all([api.templates(), api.excludedDates()]);
      this.templates = (templates ?? []).sort(
        (a, b) => a.dayOfWeek - b.dayOfWeek || a.startTime.localeCompare(b.startTime),
      );
      this.excluded = (excluded ?? []).sort((a, b) => a.date.localeCompare(b.date));
      this.status = 'complete';
    } catch (error) {
      this.status = 'error';
      this.loadError = this.describeError(error);
    }
  }

  private dayName(day: number): string {
    return this.t(`staff.day.${day}` as MessageKey);
  }

  override render() {
    return html`
      <h2 tabindex="-1">${this.t('staff.planning.heading')}</h2>
      ${this.alert(this.problem)}
      ${this.loadState(
        this.status,
        this.templates.length > 0,
        'staff.planning.loadFailed',
        this.loadError,
        () => {
          void this.load();
        },
      )}
      ${this.status === 'complete' ? html`${this.renderTemplates()} ${this.renderExcluded()}` : nothing}
      ${this.renderTemplateDialog()} ${this.renderStrandDialog()} ${this.renderAnnouncer()}
    `;
  }

  private renderTemplates() {
    return html`<section aria-labelledby="templates-title">
      <h3 id="templates-title">${this.t('staff.planning.templates')}</h3>
      <p>
        <button class="button" type="button" @click=${() => void this.edit('new')}>
          ${this.t('staff.planning.add')}
        </button>
      </p>
      ${
        this.templates.length === 0
          ? html`<p>${this.t('staff.planning.noTemplates')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${this.t('staff.planning.col.day')}</th>
                  <th scope="col">${this.t('staff.planning.col.time')}</th>
                  <th scope="col">${this.t('staff.planning.col.type')}</th>
                  <th scope="col">${this.t('staff.planning.col.capacity')}</th>
                  <th scope="col">${this.t('staff.planning.col.valid')}</th>
                  <th scope="col">${this.t('staff.planning.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.templates.map((template) => {
                  const day = this.dayName(template.dayOfWeek);
                  const time = `${template.startTime}–${template.endTime}`;
                  const retired = template.active === false;
                  return html`<tr data-template-id=${template.id}>
                    <td>${day}</td>
                    <td>${time}</td>
                    <td>${this.t(`common.visitType.${template.type}` as MessageKey)}</td>
                    <td>${template.capacity}</td>
                    <td>
                      ${
                        template.validTo
                          ? this.t('staff.planning.validFromTo', {
                              from: this.calendarDate(template.validFrom),
                              to: this.calendarDate(template.validTo),
                            })
                          : this.t('staff.planning.validFrom', {
                              from: this.calendarDate(template.validFrom),
                            })
                      }
                      ${retired ? html`<span class="badge">${this.t('staff.planning.retired')}</span>` : nothing}
                    </td>
                    <td>
                      ${
                        retired
                          ? nothing
                          : html`<div class="actions">
                              <button
                                class="button"
                                data-size="small"
                                data-variant="secondary"
                                type="button"
                                aria-label=${this.t('staff.planning.editLabel', { day, time })}
                                @click=${() => void this.edit(template)}
                              >
                                ${this.t('staff.planning.edit')}
                              </button>
                              <button
                                class="button"
                                data-size="small"
                                data-variant="warning"
                                type="button"
                                aria-label=${this.t('staff.planning.retireLabel', { day, time })}
                                ?disabled=${this.busy}
                                @click=${() => void this.retire(template)}
                              >
                                ${this.t('staff.planning.retire')}
                              </button>
                            </div>`
                      }
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
    </section>`;
  }

  private renderExcluded() {
    const errors = this.excludeErrors;
    return html`<section aria-labelledby="excluded-title">
      <h3 id="excluded-title">${this.t('staff.planning.excluded')}</h3>
      ${
        this.excluded.length === 0
          ? html`<p>${this.t('staff.planning.noExcluded')}</p>`
          : html`<ul>
              ${this.excluded.map(
                (entry) =>
                  html`<li data-date=${entry.date}>
                    <strong>${this.calendarDate(entry.date)}</strong>: ${entry.reason}
                    <button
                      class="button"
                      data-variant="link"
                      type="button"
                      aria-label=${this.t('staff.planning.removeLabel', { date: this.calendarDate(entry.date) })}
                      @click=${() => void this.removeExcluded(entry)}
                    >
                      ${this.t('staff.planning.remove')}
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <form class="toolbar" novalidate @submit=${(event: SubmitEvent) => this.exclude(event)}>
        <div class="field ${errors.date ? 'field--error' : ''}">
          <label for="exclude-date">${this.t('staff.planning.excludeDate')}</label>
          ${errors.date ? html`<span class="error-message" id="exclude-date-error">${errors.date}</span>` : nothing}
          <input
            id="exclude-date"
            name="date"
            type="date"
            aria-describedby=${errors.date ? 'exclude-date-error' : nothing}
          />
        </div>
        <div class="field ${errors.reason ? 'field--error' : ''}">
          <label for="exclude-reason">${this.t('staff.planning.excludeReason')}</label>
          ${
            errors.reason
              ? html`<span class="error-message" id="exclude-reason-error">${errors.reason}</span>`
              : nothing
          }
          <input
            id="exclude-reason"
            name="reason"
            type="text"
            maxlength="200"
            aria-describedby=${errors.reason ? 'exclude-reason-error' : nothing}
          />
        </div>
        <button class="button" type="submit" ?disabled=${this.busy}>
          ${this.t('staff.planning.exclude')}
        </button>
      </form>
    </section>`;
  }

  private renderTemplateDialog() {
    const editing = this.editing;
    const template = editing && editing !== 'new' ? editing : undefined;
    const errors = this.errors;
    const today = new Date(this.clock.now()).toISOString().slice(0, 10);
    const field = (name: Field, label: MessageKey, control: unknown, hint?: MessageKey) =>
      html`<div class="field ${errors[name] ? 'field--error' : ''}">
        <label for="tpl-${name}">${this.t(label)}</label>
        ${hint ? html`<span class="hint" id="tpl-${name}-hint">${this.t(hint)}</span>` : nothing}
        ${errors[name] ? html`<span class="error-message" id="tpl-${name}-error">${errors[name]}</span>` : nothing}
        ${control}
      </div>`;
    const describedBy = (name: Field, hint = false) =>
      [hint ? `tpl-${name}-hint` : '', errors[name] ? `tpl-${name}-error` : ''].filter(Boolean).join(' ') ||
      nothing;
    const fieldErrors = Object.entries(errors) as [Field, string][];
    return html`<dialog id="template" aria-labelledby="template-title">
      ${
        editing
          ? html`<form novalidate @submit=${(event: SubmitEvent) => this.saveTemplate(event)}>
              <h2 id="template-title">
                ${this.t(template ? 'staff.planning.formEdit' : 'staff.planning.formAdd')}
              </h2>
              ${
                fieldErrors.length > 0
                  ? html`<div class="error-summary" role="alert" tabindex="-1">
                      <h2>${this.t('common.errorSummaryTitle')}</h2>
                      <ul>
                        ${fieldErrors.map(
                          ([name, message]) =>
                            html`<li>
                              <a
                                href="#tpl-${name}"
                                @click=${(event: Event) => {
                                  event.preventDefault();
                                  this.renderRoot.querySelector<HTMLElement>(`#tpl-${name}`)?.focus();
                                }}
                                >${message}</a
                              >
                            </li>`,
                        )}
                      </ul>
                    </div>`
                  : nothing
              }
              ${this.alert(this.dialogProblem)}
              <div class="grid-2">
                ${field(
                  'type',
                  'staff.planning.field.type',
                  html`<select
                    id="tpl-type"
                    name="type"
                    ?disabled=${Boolean(template)}
                    aria-describedby=${describedBy('type')}
                  >
                    ${(['video', 'in-person'] as VisitType[]).map(
                      (type) =>
                        html`<option value=${type} ?selected=${(template?.type ?? 'video') === type}>
                          ${this.t(`common.visitType.${type}` as MessageKey)}
                        </option>`,
                    )}
                  </select>`,
                )}
                ${field(
                  'dayOfWeek',
                  'staff.planning.field.day',
                  html`<select
                    id="tpl-dayOfWeek"
                    name="dayOfWeek"
                    aria-describedby=${describedBy('dayOfWeek')}
                  >
                    ${[1, 2, 3, 4, 5, 6, 0].map(
                      (day) =>
                        html`<option value=${day} ?selected=${(template?.dayOfWeek ?? 1) === day}>
                          ${this.dayName(day)}
                        </option>`,
                    )}
                  </select>`,
                )}
                ${field(
                  'startTime',
                  'staff.planning.field.start',
                  html`<input
                    id="tpl-startTime"
                    name="startTime"
                    type="time"
                    .value=${template?.startTime ?? ''}
                    aria-describedby=${describedBy('startTime')}
                  />`,
                )}
                ${field(
                  'endTime',
                  'staff.planning.field.end',
                  html`<input
                    id="tpl-endTime"
                    name="endTime"
                    type="time"
                    .value=${template?.endTime ?? ''}
                    aria-describedby=${describedBy('endTime')}
                  />`,
                )}
                ${field(
                  'capacity',
                  'staff.planning.field.capacity',
                  html`<input
                    id="tpl-capacity"
                    name="capacity"
                    type="number"
                    min="1"
                    step="1"
                    inputmode="numeric"
                    .value=${String(template?.capacity ?? '')}
                    aria-describedby=${describedBy('capacity', true)}
                  />`,
                  'staff.planning.field.capacityHint',
                )}
                ${field(
                  'validFrom',
                  'staff.planning.field.validFrom',
                  html`<input
                    id="tpl-validFrom"
                    name="validFrom"
                    type="date"
                    .value=${template?.validFrom ?? today}
                    aria-describedby=${describedBy('validFrom')}
                  />`,
                )}
                ${field(
                  'validTo',
                  'staff.planning.field.validTo',
                  html`<input
                    id="tpl-validTo"
                    name="validTo"
                    type="date"
                    .value=${template?.validTo ?? ''}
                    aria-describedby=${describedBy('validTo')}
                  />`,
                )}
              </div>
              ${this.dialogActions('template', this.t('staff.planning.save'), { busy: this.busy })}
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private renderStrandDialog() {
    const pending = this.pending;
    return html`<dialog
      id="strand"
      role="alertdialog"
      aria-labelledby="strand-title"
      aria-describedby="strand-body"
      @close=${() => {
        this.pending = undefined;
      }}
    >
      ${
        pending
          ? html`<h2 id="strand-title">${this.t('staff.planning.strandTitle')}</h2>
              <p id="strand-body">${this.t('staff.planning.strandBody', { count: pending.visits.length })}</p>
              ${
                pending.visits.length > 0
                  ? html`<ul>
                      ${pending.visits.map(
                        (visit) =>
                          html`<li>
                            <strong>${visit.reference}</strong>: ${this.day(visit.start)}
                            ${this.time(visit.start)}, ${fullName(visit.prisoner)}
                          </li>`,
                      )}
                    </ul>`
                  : nothing
              }
              ${this.alert(this.dialogProblem)}
              ${this.dialogActions('strand', this.t('staff.planning.strandConfirm'), {
                variant: 'warning',
                busy: this.busy,
                onClick: () => void this.confirmPending(),
              })}`
          : nothing
      }
    </dialog>`;
  }

  async edit(template: SessionTemplate | 'new'): Promise<void> {
    this.editing = template;
    this.errors = {};
    this.dialogProblem = undefined;
    this.renderRoot.querySelector<HTMLFormElement>('dialog#template form')?.reset();
    await this.openDialog('template');
  }

  private readTemplate(form: HTMLFormElement): SessionTemplateInput | undefined {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const editing = this.editing;
    const errors: Partial<Record<Field, string>> = {};
    const required = this.t('staff.planning.error.required');
    const startTime = value('startTime');
    const endTime = value('endTime');
    const capacity = Number(value('capacity'));
    const validFrom = value('validFrom');
    if (!startTime) errors.startTime = required;
    if (!endTime) errors.endTime = required;
    else if (startTime && endTime <= startTime) errors.endTime = this.t('staff.planning.error.time');
    if (!value('capacity') || !Number.isInteger(capacity) || capacity < 1) {
      errors.capacity = this.t('staff.planning.error.capacity');
    }
    if (!validFrom) errors.validFrom = required;
    this.errors = errors;
    if (Object.keys(errors).length > 0) return undefined;
    return {
      type: editing && editing !== 'new' ? editing.type : (value('type') as VisitType),
      dayOfWeek: Number(value('dayOfWeek')),
      startTime,
      endTime,
      capacity,
      validFrom,
      validTo: value('validTo') || undefined,
    };
  }

  private async saveTemplate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.store?.api;
    const editing = this.editing;
    if (!api || !editing || this.busy) return;
    const input = this.readTemplate(event.target as HTMLFormElement);
    if (!input) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('dialog#template .error-summary')?.focus();
      return;
    }
    const { type: _type, ...changes } = input;
    const run = (confirm: boolean) =>
      editing === 'new' ? api.createTemplate(input) : api.updateTemplate(editing.id, changes, confirm);
    await this.attempt(
      run,
      () => this.closeDialog('template'),
      (message) => (this.dialogProblem = message),
    );
  }

  private async retire(template: SessionTemplate): Promise<void> {
    const api = this.store?.api;
    if (!api) return;
    await this.attempt(
      (confirm) => api.retireTemplate(template.id, confirm),
      () => undefined,
      (message) => (this.problem = message),
    );
  }

  private async exclude(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.store?.api;
    if (!api || this.busy) return;
    const form = event.target as HTMLFormElement;
    const date = (form.elements.namedItem('date') as HTMLInputElement).value;
    const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
    const required = this.t('staff.planning.error.required');
    this.excludeErrors = { ...(date ? {} : { date: required }), ...(reason ? {} : { reason: required }) };
    if (!date || !reason) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(!date ? '#exclude-date' : '#exclude-reason')?.focus();
      return;
    }
    await this.attempt(
      (confirm) => api.excludeDate({ date, reason }, confirm),
      () => form.reset(),
      (message) => (this.problem = message),
    );
  }

  private async removeExcluded(entry: ExcludedDate): Promise<void> {
    const api = this.store?.api;
    if (!api) return;
    await this.attempt(
      () => api.removeExcludedDate(entry.date),
      () => undefined,
      (message) => (this.problem = message),
    );
  }

  /**
   * Runs a planning change. `409 would-strand` opens the confirmation listing the affected visits;
   * confirming runs it again with `confirm=true`.
   */
  private async attempt(
    run: (confirm: boolean) => Promise<unknown>,
    done: () => void,
    fail: (message: string) => void,
  ): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    try {
      await run(false);
      await this.#saved(done);
    } catch (error) {
      const stranded = strandedVisits(error);
      if (stranded) {
        this.pending = { visits: stranded, confirm: () => run(true), done };
        this.dialogProblem = undefined;
        await this.openDialog('strand');
      } else {
        fail(this.describeError(error));
      }
    } finally {
      this.busy = false;
    }
  }

  private async confirmPending(): Promise<void> {
    const pending = this.pending;
    if (!pending || this.busy) return;
    this.busy = true;
    try {
      await pending.confirm();
      this.closeDialog('strand');
      await this.#saved(pending.done);
    } catch (error) {
      this.dialogProblem = this.describeError(error);
    } finally {
      this.busy = false;
    }
  }

  async #saved(done: () => void): Promise<void> {
    done();
    this.acted('planning', 'planning');
    this.announce(this.t('staff.announce.saved'));
    await this.load();
    void this.store?.load();
  }
}
