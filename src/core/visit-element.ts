import { consume } from '@lit/context';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitClient } from '../api/client.js';
import { systemClock, type Clock } from '../api/clock.js';
import { VisitApiError } from '../api/errors.js';
import { commonMessages, type MessageArea } from '../i18n/areas.js';
import {
  loadAreas,
  registerArea,
  resolveLocale,
  translate,
  type MessageKey,
  type StringOverrides,
  type Variables,
} from '../i18n/index.js';
import { sharedStyles } from '../styles/shared.js';
import { visitEnvironmentContext, type VisitEnvironment } from './context.js';
import { VisitErrorEvent } from './events/visit-error.js';

const standaloneClients = new Map<string, VisitClient>();

/**
 * Base class of every visit-kit element: finds the client and language (own attributes, else
 * `<visit-provider>`), translates, announces status changes, and re-renders when the
 * session changes.
 *
 * @attr {string} lang - The language of the element's text (`en`, `cy`); else the closest `[lang]` ancestor's,
 *   else the provider's. Other languages' strings load on demand.
 */
export class VisitElement extends LitElement {
  static override styles = sharedStyles;

  /** The translation areas this element uses; subclasses list theirs (strings of other areas are not loaded). */
  static messages: readonly MessageArea[] = [commonMessages];

  /** The backend, when the element is used without a `<visit-provider>`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** A ready client (overrides `api-base` and the provider's). Never an attribute. */
  @property({ attribute: false }) client?: VisitClient;

  /** Integrator overrides for any text, by key; missing keys fall back to the built-in translations. */
  @property({ attribute: false }) strings?: StringOverrides;

  @consume({ context: visitEnvironmentContext, subscribe: true })
  @state()
  protected environment?: VisitEnvironment;

  /** Text for the polite live region (see `renderAnnouncer`). */
  @state() protected announcement = '';

  #listenedClient?: VisitClient;
  readonly #onSessionChange = () => this.sessionChanged();

  constructor() {
    super();
    // In the constructor, not connectedCallback: server rendering (Lit SSR) constructs and renders elements
    // but never connects them, and must still find the English text.
    for (const area of (this.constructor as typeof VisitElement).messages) registerArea(area);
  }

  override connectedCallback(): void {
    // Forget the provider of the element's previous place in the page (moved, or its provider removed): the
    // context request sent on connecting is answered at once by the nearest provider, if there is one.
    this.environment = undefined;
    super.connectedCallback();
  }

  /** Waits, before rendering, for the strings of a language that is fetched on demand (e.g. Welsh). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = loadAreas((this.constructor as typeof VisitElement).messages, this.locale);
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => super.scheduleUpdate());
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /**
   * The client in use: own property, then provider, then one made from `api-base`.
   * @internal
   */
  get activeClient(): VisitClient | undefined {
    if (this.client) return this.client;
    if (this.environment?.client) return this.environment.client;
    if (!this.apiBase) return undefined;
    let client = standaloneClients.get(this.apiBase);
    if (!client) {
      client = new VisitClient({ baseUrl: this.apiBase });
      standaloneClients.set(this.apiBase, client);
    }
    return client;
  }

  /**
   * What time it is: the active client's clock (tests and replays fix it), else the device's.
   * @internal
   */
  get clock(): Clock {
    return this.activeClient?.clock ?? systemClock;
  }

  /**
   * Own `lang`, then the closest ancestor's (across shadow roots), then the provider's, else English.
   * @internal
   */
  get locale(): string {
    return resolveLocale(
      this.getAttribute('lang') || closestLang(this) || this.environment?.lang || undefined,
    );
  }

  /**
   * The translated text for `key`, with `{placeholders}` filled and plural forms chosen by `count`.
   * @internal
   */
  t(key: MessageKey, variables?: Variables): string {
    const overrides =
      this.environment?.strings || this.strings
        ? { ...this.environment?.strings, ...this.strings }
        : undefined;
    return translate(this.locale, key, variables, overrides);
  }

  /**
   * Says `message` through the polite live region, even when it repeats the previous one.
   * @internal
   */
  announce(message: string): void {
    this.announcement = '';
    requestAnimationFrame(() => {
      this.announcement = message;
    });
  }

  protected renderAnnouncer(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      ${this.announcement}
    </div>`;
  }

  /**
   * Turns any failure into text for the person, and tells the host page with `visit-error`.
   * @internal
   */
  describeError(error: unknown): string {
    const failure = error instanceof VisitApiError ? error : undefined;
    const message =
      failure?.code === 'network'
        ? this.t('common.networkError')
        : failure?.status === 401
          ? this.t('common.signInRequired')
          : (failure?.problem.detail ?? this.t('common.unexpectedError'));
    this.dispatchEvent(new VisitErrorEvent(failure?.code ?? 'unexpected', message));
    return message;
  }

  /** Called when the client's session is set or cleared. */
  protected sessionChanged(): void {
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#listenedClient) {
      this.#listenedClient?.removeEventListener('session-change', this.#onSessionChange);
      client?.addEventListener('session-change', this.#onSessionChange);
      this.#listenedClient = client;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listenedClient?.removeEventListener('session-change', this.#onSessionChange);
    this.#listenedClient = undefined;
  }
}

function closestLang(element: Element): string | undefined {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') || undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}
