// "Now" is an input. Everything in visit-kit that asks what time it is asks a Clock, so a test (or a
// portal replaying a day) can fix the time, and nothing depends on the day or hour a suite runs.
// Durations (timeouts, round trips, how long a notice has shown) still use the real clock: they measure
// elapsed time, not the date.

/** A source of the current time, ms since epoch. */
export interface Clock {
  now(): number;
}

/** The device's own clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that reads `start` now and then moves on with real time (timers and countdowns still tick), e.g.
 * `clockFrom('2026-12-01T12:00:00Z')` for fixtures written for that day.
 */
export function clockFrom(start: string | number, real: Clock = systemClock): Clock {
  const offset = (typeof start === 'number' ? start : Date.parse(start)) - real.now();
  return { now: () => real.now() + offset };
}
