import { ContextRoot, createContext } from '@lit/context';
import type { VisitClient } from '../api/client.js';
import type { StringOverrides } from '../i18n/index.js';

/** What `<visit-provider>` shares with every visit-kit element inside it. */
export interface VisitEnvironment {
  client?: VisitClient;
  /** The provider's language (elements prefer their own `lang`, then the closest `[lang]` ancestor). */
  lang?: string;
  strings?: StringOverrides;
  /**
   * Where the events of every element inside the provider arrive (they bubble and are composed): the provider
   * itself. An element listens here to hear its siblings, e.g. `<visit-my-visits>` hears `visit-booked`.
   */
  events?: EventTarget;
}

// Symbol.for: two copies of visit-kit on one page still find each other's provider.
export const visitEnvironmentContext = createContext<VisitEnvironment>(Symbol.for('visit-kit:environment'));

const contextRootKey = Symbol.for('visit-kit:context-root');

/**
 * Makes elements work in any registration and upgrade order: when `<visit-booking>` upgrades before the
 * `<visit-provider>` around it, its context request finds nobody; a `ContextRoot` on the document keeps such
 * requests and replays them when a provider announces itself. Attached once per page (`Symbol.for`), even
 * when two copies of visit-kit load; a no-op on a server.
 */
export function attachContextRoot(): void {
  if (typeof document === 'undefined' || typeof document.addEventListener !== 'function') return;
  const global = globalThis as { [contextRootKey]?: ContextRoot };
  if (global[contextRootKey]) return;
  const root = new ContextRoot();
  // ContextRoot only adds two listeners; the document (rather than <html>) also hears elements upgraded
  // before <body> exists.
  root.attach(document as unknown as HTMLElement);
  global[contextRootKey] = root;
}

attachContextRoot();
