import { createContext } from '@lit/context';
import type { VisitClient } from '../api/client.js';
import type { StringOverrides } from '../i18n/index.js';

/** What `<visit-provider>` shares with every visit-kit element inside it. */
export interface VisitEnvironment {
  client?: VisitClient;
  /** The provider's language (elements prefer their own `lang`, then the closest `[lang]` ancestor). */
  lang?: string;
  strings?: StringOverrides;
}

// Symbol.for: two copies of visit-kit on one page still find each other's provider.
export const visitEnvironmentContext = createContext<VisitEnvironment>(Symbol.for('visit-kit:environment'));
