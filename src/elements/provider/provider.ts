import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitClient, type Session, type TokenProvider } from '../../api/client.js';
import { signInLinkToken, signInWithLink, signOut } from '../../api/family.js';
import { visitEnvironmentContext, type VisitEnvironment } from '../../core/context.js';
import type { StringOverrides } from '../../i18n/index.js';

/**
 * @summary Shares one backend client, the language and string overrides with every visit-kit element
 * inside it, so a page configures visit-kit once.
 *
 * @attr {string} lang - The language of the visit-kit elements inside (`en`, `cy`), for those with no `lang`
 *   of their own or on a closer ancestor; without it they follow the page's `lang`, else English.
 *
 * @slot - Any content, including visit-kit elements.
 *
 * @example
 * ```html
 * <visit-provider api-base="https://visits.example.org" lang="cy">
 *   <visit-booking></visit-booking>
 * </visit-provider>
 * ```
 */
export class VisitProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Origin of a compatible backend (the contract lives under `/api/v1`). */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** Keep the family's session in `sessionStorage` so moving between pages of the site keeps them signed in. */
  @property({ type: Boolean, attribute: 'remember-session' }) rememberSession = false;

  /** A ready client; takes precedence over `api-base`. */
  @property({ attribute: false }) client?: VisitClient;

  /** For portals that already signed the person in: their visit-kit session. Never an attribute. */
  @property({ attribute: false }) session?: Session;

  /** For portals that already signed the person in: returns a current bearer token. Never an attribute. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** Overrides for any text of any element inside. */
  @property({ attribute: false }) strings?: StringOverrides;

  @provide({ context: visitEnvironmentContext })
  @state()
  protected environment: VisitEnvironment = {};

  #ownClient?: VisitClient;

  /** The client the provider shares (its `client` property, or the one it made from `api-base`). */
  get activeClient(): VisitClient | undefined {
    return this.client ?? this.#ownClient;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#signInFromLink();
  }

  /**
   * The emailed sign-in link opens a page with `#visit-kit-sign-in=<token>`: forget the fragment at once (out
   * of the address bar and history), then exchange the token. A link that no longer works changes nothing:
   * the person can still use the code.
   */
  async #signInFromLink(): Promise<void> {
    if (typeof location === 'undefined') return;
    const token = signInLinkToken(location.hash);
    if (!token) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    await this.updateComplete;
    const client = this.activeClient;
    if (!client) return;
    try {
      await signInWithLink(client, token);
    } catch {
      // expired or used: the sign-in screens still offer the code
    }
  }

  /**
   * Signs the person out: ends the session on the backend (`everywhere`: every session of theirs, on every
   * device) and forgets it here, so every element inside sees them signed out.
   */
  async signOut(everywhere = false): Promise<void> {
    const client = this.activeClient;
    if (client) await signOut(client, everywhere);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase') || changed.has('tokenProvider') || changed.has('rememberSession')) {
      this.#ownClient = this.apiBase
        ? new VisitClient({
            baseUrl: this.apiBase,
            tokenProvider: this.tokenProvider,
            storage:
              this.rememberSession && typeof sessionStorage !== 'undefined' ? sessionStorage : undefined,
          })
        : undefined;
    }
    const client = this.activeClient;
    if (
      client &&
      this.session &&
      (changed.has('session') || changed.has('client') || changed.has('apiBase'))
    ) {
      client.session = this.session;
    }
    const lang = this.getAttribute('lang') ?? undefined;
    // the backend writes its texts (problem details) in the elements' language
    if (client && (lang || client === this.#ownClient)) client.language = lang;
    this.environment = { client, lang, strings: this.strings, events: this };
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
