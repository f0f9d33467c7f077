// The one place that decides when a call ends and how much time is left (issue 12, structure review walk 2).
// `endsAt` leaves the server three ways: the token answer (which the session holds until room metadata
// arrives), the room metadata (the session snapshot's `endsAt`) and the call state of the event stream or
// the staff list. Lost-time credit only ever moves the end later, so the later of the live sources wins;
// the booked end is the fallback when no live source has spoken yet. Pure: no Lit, no DOM, no media.
import type { Clock } from '../../api/clock.js';

export interface EndsAtSources {
  /** The session's `endsAt` (room metadata, else the token answer), ms. */
  session?: number | undefined;
  /** The backend's call state `endsAt` values, most authoritative first (first readable one is used). */
  backend?: readonly (string | number | undefined | null)[];
  /** The booked end of the visit: used only when no live source is known. */
  booked?: string | number | undefined;
}

function ms(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The authoritative end of a call, ms since epoch; `undefined` when nothing is known. */
export function reconcileEndsAt(sources: EndsAtSources): number | undefined {
  const session = ms(sources.session);
  const backend = (sources.backend ?? []).map(ms).find((value) => value !== undefined);
  if (session !== undefined && backend !== undefined) return Math.max(session, backend);
  return session ?? backend ?? ms(sources.booked);
}

/** Milliseconds left until `endsAt` on `clock` (the session's server clock where there is one), never negative. */
export function timeLeftMs(endsAt: number | undefined, clock: Clock): number | undefined {
  return endsAt === undefined ? undefined : Math.max(0, endsAt - clock.now());
}

/** Whole seconds left (rounded to the nearest), for the staff console's clocks. */
export function secondsLeft(endsAt: number | undefined, clock: Clock): number {
  return Math.max(0, Math.round((timeLeftMs(endsAt, clock) ?? 0) / 1000));
}
