// The API client entry (`visit-kit/api`): usable without any element, e.g. from a portal's own code.
export {
  VisitClient,
  responseBody,
  type Session,
  type TokenProvider,
  type VisitClientOptions,
} from './client.js';
export { clockFrom, systemClock, type Clock } from './clock.js';
export { VisitApiError, type Problem, type FieldError } from './errors.js';
export type { StreamEvent, EventStreamOptions } from './event-stream.js';
