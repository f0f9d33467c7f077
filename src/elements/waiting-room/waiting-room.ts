import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CustomStatesController } from '../../core/custom-states.js';
import type { DeviceCheckSummary } from '../../core/events/visit-device-check.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import { formatDay, formatTime } from '../../i18n/dates.js';
import { duration, renderEndScreen } from '../shared/end-screen.js';
import { renderErrorSummary, renderFieldError } from '../shared/form-errors.js';
import type { DataSaverMode, DeviceChecker, SessionFactory } from '../shared/media-loader.js';
import { waitingRoomStyles } from './waiting-room.styles.js';
import { WaitingRoomController, type WaitingStage } from './waiting-room-controller.js';
import { callMessages, commonMessages } from '../../i18n/areas.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';
import { tagName } from '../../core/define.js';

export type { WaitingStage };

type Part = keyof DeviceCheckSummary;
const PARTS: Part[] = ['camera', 'microphone', 'speaker', 'network', 'browser'];
const MODES: DataSaverMode[] = ['normal', 'low-video', 'audio-only'];

/**
 * @summary The waiting room of a video visit: a device check with a fix for every failure, the visit rules,
 * a data-saver choice with estimates, then "knock" — and live status pushed by the backend (in the queue,
 * an officer is checking your identity, the person you are visiting is on their way, admitted, refused).
 * On admission it shows `<visit-call>` itself, or lets the host do it (cancel `visit-admitted`).
 *
 * Set `visit` to the visit's id or reference. On the prisoner's kiosk (`side="prisoner"`, `role="prisoner"`,
 * or a device session) without `visit`, it finds the person's next video visit itself. The media layer loads
 * only when the person starts the device check (a small module), and livekit-client only when joining.
 *
 * @fires visit-device-check - {@link VisitDeviceCheckEvent} with `{ camera, microphone, speaker, network, browser }`.
 * @fires visit-admitted - {@link VisitAdmittedEvent} (cancelable) when staff let this side in.
 * @fires visit-joined - {@link VisitJoinedEvent} (from the inner `<visit-call>`) once in the call.
 * @fires visit-connection-changed - {@link VisitConnectionChangedEvent} from the inner `<visit-call>`.
 * @fires visit-time-warning - {@link VisitTimeWarningEvent} from the inner `<visit-call>`.
 * @fires visit-ended - {@link VisitEndedEvent} when refused, or when the visit ended before the call.
 * @fires visit-error - {@link VisitErrorEvent} when something failed and the person was told.
 *
 * @csspart base - The wrapper.
 * @csspart status - The live status box.
 * @csspart preview - The camera preview (mirrored).
 * @csspart meter - The microphone level meter.
 * @csspart checks - The list of check results.
 * @csspart error-summary - The error summary when the visit rules are not agreed to.
 * @csspart field-error - The inline error message beside the rules checkbox.
 * @csspart fix - The explanation of how to fix a failed check.
 * @csspart rules - The visit rules.
 * @csspart data-saver - The data-use choice.
 * @csspart button - Every button.
 * @csspart start-check - Also on the button that starts the device check.
 * @csspart check-again - Also on the button that runs the device check again.
 * @csspart play-tone - Also on the button that plays a test sound.
 * @csspart join - Also on the button that knocks to join the visit.
 * @csspart leave-queue - Also on the button that leaves the queue.
 * @csspart rejoin - Also on the end screen's Rejoin button.
 * @csspart book - Also on the end screen's "Book another visit" link (with `book-url`).
 * @csspart call - The `<visit-call>` shown after admission.
 * @csspart end - The end screen (refused, ended).
 *
 * @cssprop [--visit-waiting-room-max-width=var(--visit-max-width, 40rem)] - Widest the waiting room grows.
 * @cssprop [--visit-color-primary=#1d70b8] - Status box border, links.
 * @cssprop [--visit-color-success=#00703c] - Passed checks.
 * @cssprop [--visit-color-danger=#d4351c] - Failed checks.
 *
 * @cssstate waiting - Knocked and waiting to be let in.
 * @cssstate in-call - The call is showing.
 */
export class VisitWaitingRoom extends VisitElement {
  static override messages = [commonMessages, callMessages];

  static override styles = waitingRoomStyles;

  /** The visit's id or reference (not a secret). Optional on a prisoner's kiosk: the next visit is used. */
  @property() visit?: string;

  /** `visitor` (family, default) or `prisoner` (kiosk). `role="prisoner"` is accepted and converted. */
  @property({ reflect: true }) side?: 'visitor' | 'prisoner';

  /** Where "Book another visit" goes on the end screens. */
  @property({ attribute: 'book-url' }) bookUrl?: string;

  /** Replaces the device check (tests, stories, integrators). Default: the media layer's `runDeviceCheck`. */
  @property({ attribute: false }) deviceChecker?: DeviceChecker;

  /** Replaces the call-session factory (tests, stories). Default: a LiveKit `CallSession`. */
  @property({ attribute: false }) sessionFactory?: SessionFactory;

  /**
   * Where the waiting room is in the visit's lifecycle (`loading`, `prepare`, `waiting`, `call`, `ended`, …);
   * hosts read it, the element sets it.
   */
  get stage(): WaitingStage {
    return this.room.stage;
  }

  /** Loading, the device check, knocking, the lobby and the hand-over: the element renders its fields. */
  private readonly room = new WaitingRoomController(this, {
    visit: () => this.visit,
    prisoner: () => this.prisoner,
    deviceChecker: () => this.deviceChecker,
    sessionFactory: () => this.sessionFactory,
    onRulesError: () =>
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('#rules-agree')?.focus(),
      ),
    joinCall: async () => {
      const call = this.renderRoot.querySelector<HTMLElementTagNameMap['visit-call']>(tagName('visit-call'));
      if (call) await call.join();
      return Boolean(call);
    },
  });

  /** `:state(waiting)` and `:state(in-call)`. */
  private readonly customStates = new CustomStatesController(this, () => ({
    waiting: this.stage === 'waiting',
    'in-call': this.stage === 'call',
  }));

  @state() private now = this.clock.now();

  @query('video.preview') private previewVideo?: HTMLVideoElement;

  #loadKey?: string;
  #clock?: ReturnType<typeof setInterval>;
  #shownStage?: WaitingStage;

  override connectedCallback(): void {
    super.connectedCallback();
    // `role="prisoner"` reads naturally in a kiosk page, but `prisoner` is not an ARIA role (it would be an
    // accessibility error): take it as the side and drop the attribute.
    const role = this.getAttribute('role');
    if (role === 'prisoner' || role === 'visitor') {
      this.side ??= role;
      this.removeAttribute('role');
    }
    // The client (and so its clock) may arrive after construction: read the time again once connected.
    this.now = this.clock.now();
    this.#clock = setInterval(() => (this.now = this.clock.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    this.#loadKey = undefined;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#loadKey = undefined; // signed in or out: load again
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (!this.side && client?.session?.user?.role === 'prisoner') this.side = 'prisoner';
    const key = `${client ? 'client' : 'none'}|${client?.signedIn ? 'in' : 'out'}|${this.visit ?? ''}|${this.side ?? ''}`;
    if (key !== this.#loadKey && this.isConnected) {
      this.#loadKey = key;
      void this.room.load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const video = this.previewVideo;
    const preview = this.room.preview;
    if (video && preview && video.srcObject !== preview.stream && !this.room.lobbyLive) {
      video.srcObject = preview.stream;
    }
    this.room.syncLobbyVideo(this.renderRoot.querySelector<HTMLVideoElement>('video.lobby-self'));
    if (this.stage !== this.#shownStage && (this.stage === 'ended' || this.stage === 'waiting')) {
      this.renderRoot.querySelector<HTMLElement>('h2[tabindex]')?.focus();
    }
    this.#shownStage = this.stage;
  }

  private get prisoner(): boolean {
    return this.side === 'prisoner';
  }

  private get tr() {
    return (key: MessageKey, variables?: Record<string, string | number>) => this.t(key, variables);
  }

  /** Runs (or re-runs) the device check. Call it from a click: browsers then allow sound and the meter. */
  async runCheck(): Promise<void> {
    await this.room.runCheck();
  }

  /**
   * Knocks (enters the queue) once the device check passed and the rules were accepted; on a visit that
   * staff already admitted, joins the call. The same as pressing the join button.
   */
  async join(): Promise<void> {
    await this.room.join();
  }

  // ── rendering ──────────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    return html`${this.renderAnnouncer()}
      <div class="audio-host" hidden></div>
      <div class="base" part="base">${this.renderStage()}</div>`;
  }

  private renderStage(): TemplateResult {
    switch (this.stage) {
      case 'signed-out':
        return html`<p class="notice">
          ${this.room.loadError ?? this.t(this.prisoner ? 'waiting.kioskNotPaired' : 'waiting.signIn')}
        </p>`;
      case 'loading':
        return html`<p role="status">
          <span class="spinner" aria-hidden="true"></span> ${this.t('common.loading')}
        </p>`;
      case 'load-error':
        return html`<div class="notice" data-tone="danger" role="alert">
          <p>${this.room.loadError}</p>
          <button
            type="button"
            class="button"
            part="button"
            @click=${() => {
              this.#loadKey = undefined;
              this.requestUpdate();
            }}
          >
            ${this.t('common.retry')}
          </button>
        </div>`;
      case 'no-visit':
        return html`<p class="notice">
          ${
            this.room.loadError ??
            (this.room.visitInfo
              ? this.t('waiting.notVideo')
              : this.t(this.prisoner ? 'waiting.noVisitPrisoner' : 'waiting.noVisit'))
          }
        </p>`;
      case 'ended':
        return html`${this.renderHeading(false)}
        ${renderEndScreen(this.tr, this.room.endInfo!, { prisoner: this.prisoner, bookUrl: this.bookUrl })}`;
      case 'call':
        return staticHtml`<${tag('visit-call')}
          part="call"
          .session=${this.room.session}
          .callState=${this.room.callState}
          .endedEvent=${this.room.ended}
          .staffWarning=${this.room.warning}
          .client=${this.activeClient}
          .strings=${this.strings}
          lang=${this.locale}
          visit=${this.room.visitInfo?.id ?? ''}
          side=${this.side ?? 'visitor'}
          book-url=${this.bookUrl ?? ''}
          data-saver=${this.room.dataSaver}
          no-events
        ></${tag('visit-call')}>`;
      case 'handed-over':
        return html`${this.renderHeading(false)}
          <p class="status" part="status">${this.t('status.admittedElsewhere')}</p>`;
      case 'waiting':
        return this.renderWaiting();
      default:
        return this.renderPrepare();
    }
  }

  private renderHeading(focusable: boolean): TemplateResult {
    const visit = this.room.visitInfo;
    if (!visit) return html``;
    const zone = visit.prison.timezone;
    const title = this.prisoner
      ? this.t('waiting.titlePrisoner', { name: this.room.visitorNames() })
      : this.t('waiting.title', { name: `${visit.prisoner.firstName} ${visit.prisoner.lastName}` });
    return html`<h2 tabindex=${ifDefined(focusable ? '-1' : undefined)}>${title}</h2>
      <p class="when">
        ${this.t('waiting.when', {
          date: formatDay(this.locale, visit.start, zone),
          start: formatTime(this.locale, visit.start, zone),
          end: formatTime(this.locale, visit.end, zone),
        })}
      </p>`;
  }

  private renderTiming(): TemplateResult | typeof nothing {
    const state = this.room.callState;
    const visit = this.room.visitInfo;
    if (!state || !visit) return nothing;
    if (state.status === 'not-open') {
      return html`<p class="status" part="status">
        ${this.t('waiting.opensAt', { time: formatTime(this.locale, state.opensAt, visit.prison.timezone) })}
      </p>`;
    }
    const toStart = Date.parse(state.startsAt) - this.now;
    return html`<p class="timing">
      ${
        toStart > 0
          ? this.t('waiting.startsIn', {
              duration: this.t('common.minutes', { count: Math.ceil(toStart / 60_000) }),
            })
          : this.t('waiting.started')
      }
    </p>`;
  }

  private renderPrepare(): TemplateResult {
    const joining = this.stage === 'joining';
    const status = this.room.callState?.status;
    const admittedAlready = status === 'admitted' || status === 'in-call';
    const notOpen = status === 'not-open';
    const rulesError = this.room.rulesError && !this.room.rulesAccepted;
    return html`${this.renderHeading(false)}
      ${renderErrorSummary(
        this.t('common.errorSummaryTitle'),
        rulesError ? [{ field: 'rules-agree', message: this.t('rules.agreeError') }] : [],
        (field) => this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus(),
      )}
      ${this.renderTiming()}
      ${this.room.actionError ? html`<p class="notice" data-tone="danger" role="alert">${this.room.actionError}</p>` : nothing}
      <ol class="steps">
        <li>
          <h3>${this.t('check.title')}</h3>
          ${this.renderCheck()}
        </li>
        <li>
          <h3>${this.t('rules.title')}</h3>
          ${this.renderRules()}
        </li>
        ${
          this.prisoner
            ? nothing
            : html`<li>
                <h3>${this.t('dataSaver.title')}</h3>
                ${this.renderDataSaver()}
              </li>`
        }
      </ol>
      ${notOpen ? html`<p class="hint">${this.t('waiting.joinWhenOpen')}</p>` : nothing}
      ${
        this.room.checkPhase === 'done' && !this.room.canJoin()
          ? html`<p class="hint">${this.t('check.mustFixMicrophone')}</p>`
          : nothing
      }
      <button
        type="button"
        class="button join"
        part="button join"
        ?disabled=${joining || notOpen || !this.room.canJoin()}
        @click=${() => void this.room.join()}
      >
        ${
          joining
            ? this.t('waiting.joining')
            : admittedAlready
              ? this.t('waiting.joinCall')
              : this.t(this.prisoner ? 'waiting.readyPrisoner' : 'waiting.join')
        }
      </button>`;
  }

  private renderCheck(): TemplateResult {
    if (this.room.checkPhase === 'idle') {
      return html`<p>${this.t(this.prisoner ? 'check.introPrisoner' : 'check.intro')}</p>
        <button
          type="button"
          class="button start-check"
          part="button start-check"
          @click=${() => void this.room.runCheck()}
        >
          ${this.t('check.start')}
        </button>`;
    }
    if (this.room.checkPhase === 'running') {
      return html`<p role="status">
        <span class="spinner" aria-hidden="true"></span> ${this.t('check.running')}
      </p>`;
    }
    const result = this.room.checkResult!;
    const summary = this.room.summary();
    return html`<div class="check">
      ${
        result.camera.status === 'ok'
          ? html`<figure class="preview-wrap">
              <video
                class="preview"
                part="preview"
                autoplay
                playsinline
                muted
                aria-label=${this.t('check.preview')}
              ></video>
              <figcaption class="hint">${this.t('check.preview')}</figcaption>
            </figure>`
          : nothing
      }
      ${
        result.microphone.status !== 'failed'
          ? html`<div class="meter-wrap">
              <label for="level">${this.t('check.level')}</label>
              <meter id="level" part="meter" min="0" max="1" low="0.05" .value=${this.room.level}></meter>
              <span class="hint">${this.t('check.speakHint')}</span>
            </div>`
          : nothing
      }
      <ul class="checks" part="checks">
        ${PARTS.map((part) => this.renderCheckRow(part, summary[part]))}
      </ul>
      ${this.renderSpeaker()}
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button check-again"
        @click=${() => void this.room.runCheck()}
      >
        ${this.t('check.again')}
      </button>
    </div>`;
  }

  private renderCheckRow(part: Part, result: { status: string; cause?: string }): TemplateResult {
    const device =
      part === 'camera' || part === 'microphone' || part === 'speaker' ? this.t(`check.device.${part}`) : '';
    const fix =
      result.status === 'failed' || result.status === 'warning'
        ? part === 'speaker' && result.cause === 'no-signal'
          ? this.t('check.fix.speaker')
          : this.t(`check.fix.${result.cause ?? 'unknown'}` as MessageKey, { device })
        : undefined;
    return html`<li data-part=${part} data-status=${result.status}>
      <span class="check-name">${this.t(`check.${part}` as MessageKey)}:</span>
      <strong class="check-status">${this.t(`check.status.${result.status}` as MessageKey)}</strong>
      ${fix ? html`<p class="fix" part="fix">${fix}</p>` : nothing}
    </li>`;
  }

  private renderSpeaker(): TemplateResult {
    if (this.room.speaker.status === 'ok') return html``;
    return html`<div class="speaker">
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button play-tone"
        @click=${() => void this.room.playTone()}
      >
        ${this.t('check.playTone')}
      </button>
      ${
        this.room.tonePlayed
          ? html`<fieldset class="heard">
              <legend>${this.t('check.heardQuestion')}</legend>
              <div class="button-group">
                <button
                  type="button"
                  class="button"
                  data-variant="secondary"
                  part="button"
                  @click=${() => this.room.heard(true)}
                >
                  ${this.t('check.heardYes')}
                </button>
                <button
                  type="button"
                  class="button"
                  data-variant="secondary"
                  part="button"
                  @click=${() => this.room.heard(false)}
                >
                  ${this.t('check.heardNo')}
                </button>
              </div>
            </fieldset>`
          : nothing
      }
    </div>`;
  }

  private renderRules(): TemplateResult {
    const keys: MessageKey[] = this.prisoner
      ? ['rules.prisoner.1', 'rules.prisoner.2', 'rules.prisoner.3']
      : ['rules.visitor.1', 'rules.visitor.2', 'rules.visitor.3', 'rules.visitor.4', 'rules.visitor.5'];
    return html`<div class="rules" part="rules">
      <p>${this.t('rules.intro')}</p>
      <ul>
        ${keys.map((key) => html`<li>${this.t(key)}</li>`)}
      </ul>
      <div class=${this.room.rulesError && !this.room.rulesAccepted ? 'field field--error' : 'field'}>
        ${
          this.room.rulesError && !this.room.rulesAccepted
            ? renderFieldError('rules', this.t('rules.agreeError'), this.t('waiting.errorPrefix'))
            : nothing
        }
        <div class="choice">
          <input
            type="checkbox"
            id="rules-agree"
            .checked=${this.room.rulesAccepted}
            aria-describedby=${ifDefined(this.room.rulesError && !this.room.rulesAccepted ? 'rules-error' : undefined)}
            @change=${(event: Event) => (this.room.rulesAccepted = (event.target as HTMLInputElement).checked)}
          />
          <label for="rules-agree">${this.t('rules.agree')}</label>
        </div>
      </div>
    </div>`;
  }

  private renderDataSaver(): TemplateResult {
    const estimates = this.room.estimates;
    const minutes = Math.round(this.room.visitSeconds() / 60);
    return html`<fieldset class="data-saver" part="data-saver" aria-describedby="data-hint">
      <legend class="visually-hidden">${this.t('dataSaver.legend')}</legend>
      <p class="hint" id="data-hint">
        ${this.t('dataSaver.hint', {
          // English says "a 30-minute visit" (a number); Welsh says it with its own plural and mutation rules
          minutes,
          duration: this.t('common.minutes', { count: minutes }),
        })}
      </p>
      ${MODES.map(
        (mode) =>
          html`<div class="choice">
            <input
              type="radio"
              name="data-saver"
              id=${`mode-${mode}`}
              value=${mode}
              .checked=${this.room.dataSaver === mode}
              @change=${() => (this.room.dataSaver = mode)}
            />
            <label for=${`mode-${mode}`}>
              ${this.t(`dataSaver.mode.${mode}` as MessageKey)}
              ${
                estimates
                  ? html`<span class="hint"
                      >${this.t('dataSaver.estimate', { mb: estimates[mode].megabytes })}</span
                    >`
                  : nothing
              }
            </label>
          </div>`,
      )}
    </fieldset>`;
  }

  private renderWaiting(): TemplateResult {
    const status = this.room.statusText();
    const ready = this.room.prisonerReadyText();
    const checking = this.room.callState?.status === 'checking';
    return html`${this.renderHeading(true)}
      <div class="status" part="status" data-status=${this.room.callState?.status ?? ''}>
        <p class="status-text"><span class="spinner" aria-hidden="true"></span> ${status}</p>
        ${ready ? html`<p>${ready}</p>` : nothing}
      </div>
      ${this.renderTiming()}
      ${this.room.streamReconnecting ? html`<p class="notice">${this.t('status.streamReconnecting')}</p>` : nothing}
      ${
        this.room.lobbyLive
          ? html`<figure class="preview-wrap">
              <video
                class="lobby-self preview"
                part="preview"
                autoplay
                playsinline
                muted
                aria-label=${this.t('check.preview')}
              ></video>
              <figcaption class=${checking ? 'lobby-note strong' : 'lobby-note'}>
                ${this.t('status.lobbyCamera')}
              </figcaption>
            </figure>`
          : nothing
      }
      ${this.room.warning ? html`<div class="notice" data-tone="danger" role="alert">${this.room.warning.message}</div>` : nothing}
      ${
        this.room.callState?.creditedSeconds
          ? html`<p>
              ${this.t('end.credited', { duration: duration(this.tr, this.room.callState.creditedSeconds) })}
            </p>`
          : nothing
      }
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button leave-queue"
        @click=${() => void this.room.leaveQueue()}
      >
        ${this.t('waiting.leaveQueue')}
      </button>`;
  }
}
