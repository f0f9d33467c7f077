import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { VisitApiError } from '../../api/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { TileActionEvent } from './call-tile.js';
import { inProgress, isLive } from './model.js';
import { END_REASONS, type StaffEndReason, type StaffVisit } from '../../api/staff.js';
import { StaffPanel, typingIn } from './staff-panel.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';
import { tagName } from '../../core/define.js';

/** At most this many calls are watched at once (bandwidth and attention). */
export const MAX_TILES = 8;
const WARNING_MAX = 300;
const PRESETS = ['camera', 'people', 'language', 'devices'] as const;

const monitorStyles = css`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_tile-min)), 1fr));
    gap: var(--_console-gap);
  }
  .others {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    list-style: none;
    padding: 0;
  }
`;

/**
 * The live monitor: up to eight calls at once, each a hidden subscribe-only participant at low resolution.
 * Warn, end (after a confirmation) and mark an incident. Part of `<visit-staff-console>`.
 * Keys on a focused tile: `l` listen, `w` warn, `e` end, `i` incident.
 */
export class StaffMonitorPanel extends StaffPanel {
  static override styles = [...StaffPanel.styles, monitorStyles];

  /** Calls chosen to be shown when more than eight are live (otherwise the first eight by start time). */
  @state() private pinned: string[] = [];
  @state() private listeningId?: string;
  @state() private dialogVisit?: StaffVisit;
  @state() private dialogKind?: 'warn' | 'end' | 'incident';
  @state() private busy = false;
  @state() private dialogProblem?: string;
  @state() private fieldError?: string;
  @state() private message = '';
  @state() private problem?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKey);
    this.addEventListener('tile-action', this.#onTileAction as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKey);
    this.removeEventListener('tile-action', this.#onTileAction as EventListener);
  }

  get live(): StaffVisit[] {
    return (this.store?.visits ?? []).filter(isLive).sort((a, b) => a.start.localeCompare(b.start));
  }

  /** The calls on screen: pinned ones first, filled up to eight in start order. */
  get shown(): StaffVisit[] {
    const live = this.live;
    const pinned = this.pinned
      .map((id) => live.find((visit) => visit.id === id))
      .filter((visit): visit is StaffVisit => Boolean(visit));
    const rest = live.filter((visit) => !pinned.includes(visit));
    return [...pinned, ...rest].slice(0, MAX_TILES);
  }

  /** Brings a call into the grid (replacing the last one when eight are shown) and focuses it. */
  async watch(visitId: string): Promise<void> {
    const shown = this.shown.map((visit) => visit.id);
    if (!shown.includes(visitId)) {
      const kept = shown.slice(0, MAX_TILES - 1);
      this.pinned = [visitId, ...kept];
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`visit-staff-call-tile[data-visit-id="${visitId}"]`)?.focus();
  }

  readonly #onTileAction = (event: TileActionEvent) => {
    const visit = this.store?.visit(event.visitId);
    if (!visit) return;
    if (event.action === 'listen') {
      this.listeningId = event.on ? visit.id : undefined;
      return;
    }
    void this.openAction(event.action, visit);
  };

  readonly #onKey = (event: KeyboardEvent) => {
    if (typingIn(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.composedPath().some((node) => node instanceof HTMLDialogElement)) return;
    const tile = event
      .composedPath()
      .find(
        (node): node is HTMLElement =>
          node instanceof HTMLElement && node.localName === tagName('visit-staff-call-tile'),
      );
    const visit = tile?.dataset.visitId ? this.store?.visit(tile.dataset.visitId) : undefined;
    if (!tile || !visit) return;
    const action = ({ l: 'listen', w: 'warn', e: 'end', i: 'incident' } as const)[
      event.key as 'l' | 'w' | 'e' | 'i'
    ];
    if (!action) return;
    event.preventDefault();
    if (action === 'listen') (tile as HTMLElement & { toggleListening(): void }).toggleListening();
    else void this.openAction(action, visit);
  };

  async openAction(kind: 'warn' | 'end' | 'incident', visit: StaffVisit): Promise<void> {
    this.dialogVisit = visit;
    this.dialogKind = kind;
    this.dialogProblem = undefined;
    this.fieldError = undefined;
    this.message = '';
    this.renderRoot.querySelector<HTMLFormElement>('dialog#action form')?.reset();
    await this.openDialog('action');
  }

  override render() {
    const live = this.live;
    const shown = this.shown;
    const others = live.filter((visit) => !shown.includes(visit));
    const legal = (this.store?.visits ?? []).filter((visit) => visit.legal && inProgress(visit)).length;
    return html`
      <h2 tabindex="-1">${this.t('staff.monitor.heading')}</h2>
      ${this.alert(this.problem)}
      ${live.length === 0 ? html`<p>${this.t('staff.monitor.empty')}</p>` : nothing}
      ${legal ? html`<p data-legal-hidden>${this.t('staff.monitor.legalHidden', { count: legal })}</p>` : nothing}
      ${
        others.length > 0
          ? html`<div class="notice">
              <p>${this.t('staff.monitor.shown', { shown: shown.length, total: live.length })}</p>
              <h3>${this.t('staff.monitor.hiddenCalls')}</h3>
              <ul class="others">
                ${others.map(
                  (visit) =>
                    html`<li>
                      <button
                        class="button"
                        data-size="small"
                        type="button"
                        @click=${() => void this.watch(visit.id)}
                      >
                        ${this.t('staff.monitor.watch', { reference: visit.reference })}
                      </button>
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      ${
        this.active
          ? html`<div class="grid">
              ${repeat(
                shown,
                (visit) => visit.id,
                (visit) =>
                  staticHtml`<${tag('visit-staff-call-tile')}
                    role="group"
                    tabindex="0"
                    aria-label=${this.t('staff.monitor.tile', {
                      reference: visit.reference,
                      prisoner: `${visit.prisoner.firstName} ${visit.prisoner.lastName}`,
                      visitor: visit.visitors
                        .map((person) => `${person.firstName} ${person.lastName}`)
                        .join(', '),
                    })}
                    data-visit-id=${visit.id}
                    .store=${this.store}
                    .client=${this.client}
                    .visit=${visit}
                    ?listening=${this.listeningId === visit.id}
                  ></${tag('visit-staff-call-tile')}>`,
              )}
            </div>`
          : nothing
      }
      ${this.renderDialog()} ${this.renderAnnouncer()}
    `;
  }

  private renderDialog() {
    const visit = this.dialogVisit;
    const kind = this.dialogKind;
    const reference = visit?.reference ?? '';
    return this.formDialog({
      id: 'action',
      title: kind ? this.t(`staff.${kind}.title` as MessageKey, { reference }) : '',
      open: Boolean(visit && kind),
      problem: this.dialogProblem,
      submit: kind ? this.t(`staff.${kind}.submit` as MessageKey) : '',
      variant: kind === 'end' ? 'warning' : 'primary',
      busy: this.busy,
      onSubmit: (event) => visit && kind && void this.submit(event, kind, visit),
      onClose: () => {
        this.dialogKind = undefined;
      },
      body:
        kind === 'warn'
          ? this.renderWarnFields()
          : kind === 'end'
            ? this.renderEndFields()
            : this.renderIncidentFields(),
    });
  }

  private renderWarnFields() {
    const remaining = WARNING_MAX - this.message.length;
    return html`
      <div class="field">
        <label for="preset">${this.t('staff.warn.preset')}</label>
        <select
          id="preset"
          @change=${(event: Event) => {
            const key = (event.target as HTMLSelectElement).value;
            if (!key) return;
            this.message = this.t(`staff.warn.preset.${key}` as MessageKey);
            const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#message');
            if (area) area.value = this.message;
          }}
        >
          <option value="">${this.t('staff.warn.preset.none')}</option>
          ${PRESETS.map((key) => html`<option value=${key}>${this.t(`staff.warn.preset.${key}` as MessageKey)}</option>`)}
        </select>
      </div>
      ${this.textArea({
        id: 'message',
        label: this.t('staff.warn.message'),
        hint: this.t('staff.warn.hint'),
        error: this.fieldError,
        rows: 3,
        describedBy: 'message-count',
        onInput: (event) => (this.message = (event.target as HTMLTextAreaElement).value),
        after: html`<span id="message-count" class=${remaining < 0 ? 'error-text' : 'hint'}>
          ${this.t('staff.warn.remaining', { count: Math.max(0, remaining) })}
        </span>`,
      })}
    `;
  }

  private renderEndFields() {
    return html`
      <p>${this.t('staff.end.body')}</p>
      <div class="field">
        <label for="end-reason">${this.t('staff.end.reason')}</label>
        <select id="end-reason" name="reason">
          ${END_REASONS.map(
            (reason) =>
              html`<option value=${reason}>${this.t(`staff.end.reason.${reason}` as MessageKey)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="end-note">${this.t('staff.end.note')}</label>
        <textarea id="end-note" name="note" rows="2" maxlength="500"></textarea>
      </div>
    `;
  }

  private renderIncidentFields() {
    return this.textArea({
      id: 'incident-note',
      name: 'note',
      label: this.t('staff.incident.note'),
      hint: this.t('staff.incident.hint'),
      error: this.fieldError,
      rows: 4,
      maxlength: 2000,
    });
  }

  private async submit(
    event: SubmitEvent,
    kind: 'warn' | 'end' | 'incident',
    visit: StaffVisit,
  ): Promise<void> {
    event.preventDefault();
    const store = this.store;
    if (!store || this.busy) return;
    const form = event.target as HTMLFormElement;
    const value = (name: string) =>
      ((form.elements.namedItem(name) as HTMLTextAreaElement | HTMLSelectElement | null)?.value ?? '').trim();
    if (kind === 'warn') {
      const message = value('message');
      const error = !message
        ? this.t('staff.warn.required')
        : message.length > WARNING_MAX
          ? this.t('staff.warn.tooLong')
          : undefined;
      if (error) return this.#fieldFailed(error, '#message');
    }
    if (kind === 'incident' && !value('note'))
      return this.#fieldFailed(this.t('staff.incident.required'), '#incident-note');
    this.fieldError = undefined;
    this.busy = true;
    try {
      if (kind === 'warn') {
        await store.warn(visit.id, value('message'));
        this.announce(this.t('staff.announce.warned', { reference: visit.reference }));
      } else if (kind === 'end') {
        await store.end(visit.id, value('reason') as StaffEndReason, value('note') || undefined);
        this.announce(this.t('staff.announce.callEnded', { reference: visit.reference }));
        if (this.listeningId === visit.id) this.listeningId = undefined;
      } else {
        await store.incident(visit.id, value('note'));
        this.announce(this.t('staff.announce.incident', { reference: visit.reference }));
      }
      this.acted(kind, visit.id);
      this.closeDialog('action');
    } catch (error) {
      if (
        kind === 'end' &&
        error instanceof VisitApiError &&
        (error.code === 'call-ended' || error.status === 409)
      ) {
        this.problem = this.t('staff.end.alreadyEnded', { reference: visit.reference });
        this.closeDialog('action');
      } else if (error instanceof VisitApiError && error.code === 'call-ended') {
        this.dialogProblem = this.t('staff.end.alreadyEnded', { reference: visit.reference });
        void store.load();
      } else {
        this.dialogProblem = this.describeError(error);
      }
    } finally {
      this.busy = false;
    }
  }

  async #fieldFailed(message: string, selector: string): Promise<void> {
    this.fieldError = message;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
