// Pure logic of the staff console (no Lit, no DOM): what status a visit shows, how the day groups into
// sessions, and how pushed events change the day's list. Tested on its own.
import type { StreamEvent } from '../../api/event-stream.js';
import type { Clock } from '../../api/clock.js';
import { reconcileEndsAt, secondsLeft as secondsLeftUntil } from '../shared/call-time.js';
import type { CallState, Outcome, StaffVisit, Visit, VisitType } from '../../api/staff.js';

export type DisplayStatus =
  'booked' | 'requested' | 'waiting' | 'checking' | 'in-call' | 'ended' | 'denied' | 'no-show' | 'cancelled';

export const DISPLAY_STATUSES: readonly DisplayStatus[] = [
  'booked',
  'requested',
  'waiting',
  'checking',
  'in-call',
  'ended',
  'denied',
  'no-show',
  'cancelled',
];

export function outcomeOf(visit: Visit): Outcome | undefined {
  return visit.outcome?.outcome;
}

/** The status staff see for a visit at `now` (ms). */
export function displayStatus(visit: StaffVisit, now: number): DisplayStatus {
  if (visit.status === 'cancelled') return 'cancelled';
  if (visit.status === 'requested') return 'requested';
  const outcome = outcomeOf(visit) ?? visit.callOutcome?.result;
  if (outcome === 'visitor-no-show' || outcome === 'prisoner-no-show') return 'no-show';
  switch (visit.callState?.status) {
    case 'waiting':
      return 'waiting';
    case 'checking':
      return 'checking';
    case 'admitted':
    case 'in-call':
      return 'in-call';
    case 'denied':
      return 'denied';
    case 'ended':
      return 'ended';
  }
  if (outcome || visit.status === 'completed') return 'ended';
  if (Date.parse(visit.end) < now) return 'no-show';
  return 'booked';
}

/** A visitor waiting to be checked and admitted (the lobby). */
export function isWaiting(visit: StaffVisit): boolean {
  const status = visit.callState?.status;
  return visit.type === 'video' && (status === 'waiting' || status === 'checking');
}

/** A call staff can monitor (admitted or in progress); a legal visit never is (the server refuses it too). */
export function isLive(visit: StaffVisit): boolean {
  return !visit.legal && inProgress(visit);
}

/** A video call admitted or in progress, legal or not. */
export function inProgress(visit: StaffVisit): boolean {
  const status = visit.callState?.status;
  return visit.type === 'video' && (status === 'in-call' || status === 'admitted');
}

/** A visit whose outcome staff should record (over, nothing recorded yet). */
export function needsOutcome(visit: StaffVisit, now: number): boolean {
  if (visit.status === 'cancelled' || visit.status === 'requested' || outcomeOf(visit)) return false;
  const status = displayStatus(visit, now);
  return status === 'ended' || status === 'denied' || status === 'no-show';
}

/**
 * The authoritative end of a visit's call, ms: reconciled in shared/call-time.ts from the monitor's room
 * metadata (when the console watches the call), the call state, else the booking.
 */
export function endsAt(visit: StaffVisit, roomEndsAt?: number): number {
  return reconcileEndsAt({
    session: roomEndsAt,
    backend: [visit.callState?.endsAt, visit.call?.endsAt],
    booked: visit.end,
  })!;
}

/** Whole seconds left of a visit's call on `clock`. */
export function secondsLeft(visit: StaffVisit, clock: Clock, roomEndsAt?: number): number {
  return secondsLeftUntil(endsAt(visit, roomEndsAt), clock);
}

/** The relationship of one visitor to the person in prison. */
export function relationshipOf(visit: StaffVisit, visitorId: string): string | undefined {
  return visit.links[visitorId];
}

export function leadVisitor(visit: Visit) {
  return visit.visitors.find((visitor) => visitor.lead) ?? visit.visitors[0];
}

export function fullName(person: { firstName?: string; lastName?: string } | undefined): string {
  return [person?.firstName, person?.lastName].filter(Boolean).join(' ');
}

export interface SessionGroup {
  /** `start|end|type`, stable for a session of the day. */
  key: string;
  start: string;
  end: string;
  type: VisitType;
  visits: StaffVisit[];
}

/** Groups the day's visits by session (same start, end and type), in time order. */
export function groupBySession(visits: readonly StaffVisit[]): SessionGroup[] {
  const groups = new Map<string, SessionGroup>();
  const sorted = [...visits].sort(
    (a, b) => a.start.localeCompare(b.start) || a.reference.localeCompare(b.reference),
  );
  for (const visit of sorted) {
    const key = `${visit.start}|${visit.end}|${visit.type}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, start: visit.start, end: visit.end, type: visit.type, visits: [] };
      groups.set(key, group);
    }
    group.visits.push(visit);
  }
  return [...groups.values()];
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dateIn(instant: number | string | Date, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
  return parts;
}

export type ChangeKind = 'knock' | 'admitted' | 'ended' | 'left' | 'updated' | 'added';

export interface AppliedEvent {
  visits: StaffVisit[];
  /** The visit the event was about, after the change (undefined when it is not on this day's list). */
  visit?: StaffVisit;
  change?: ChangeKind;
  /** The event named a visit this list does not hold: refetch the day to catch up. */
  unknownVisit?: boolean;
}

function isCallState(value: unknown): value is CallState {
  return typeof value === 'object' && value !== null && 'visitId' in value && 'status' in value;
}

function isVisit(value: unknown): value is StaffVisit {
  return typeof value === 'object' && value !== null && 'reference' in value && 'start' in value;
}

function changeBetween(before: StaffVisit | undefined, after: StaffVisit): ChangeKind {
  if (!before) return 'added';
  const was = before.callState?.status;
  const is = after.callState?.status;
  if (was === is) return 'updated';
  if ((is === 'waiting' || is === 'checking') && was !== 'waiting' && was !== 'checking') return 'knock';
  if (is === 'admitted' || is === 'in-call') return 'admitted';
  if (is === 'ended') return 'ended';
  if ((was === 'waiting' || was === 'checking') && (is === 'open' || is === 'not-open')) return 'left';
  return 'updated';
}

/**
 * Applies one event of `/staff/events` to the day's list: `visit` carries a StaffVisit, `state` a CallState,
 * `knock` either of them (or `{ visitId, knockedAt }`). Visits of other days are ignored unless already listed.
 */
export function applyStaffEvent(
  visits: readonly StaffVisit[],
  event: StreamEvent,
  day: { date: string; timeZone?: string; type?: VisitType | ''; now?: number },
): AppliedEvent {
  const data = event.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return { visits: [...visits] };
  let incoming: StaffVisit | undefined;
  let patch: ((visit: StaffVisit) => StaffVisit) | undefined;
  let visitId: string | undefined;

  if (isVisit(data)) {
    incoming = data;
    visitId = data.id;
  } else if (isCallState(data)) {
    visitId = data.visitId;
    patch = (visit) => ({ ...visit, callState: data });
  } else if (isCallState(data.callState)) {
    const state = data.callState;
    visitId = state.visitId;
    patch = (visit) => ({
      ...visit,
      callState: state,
      knockedAt: typeof data.knockedAt === 'string' ? data.knockedAt : visit.knockedAt,
    });
  } else if (typeof data.visitId === 'string') {
    // `knock`: { visitId, at, who }. The prisoner's device knocking means they are ready; a visitor knocking
    // puts the visit in the queue (the `state` event that follows carries the full CallState).
    visitId = data.visitId;
    const at =
      typeof data.at === 'string' ? data.at : typeof data.knockedAt === 'string' ? data.knockedAt : undefined;
    const knockedAt = at ?? new Date(day.now ?? Date.now()).toISOString();
    const base = (visit: StaffVisit) =>
      visit.callState ?? ({ visitId: visit.id, status: 'open' } as CallState);
    patch =
      data.who === 'prisoner'
        ? (visit) => ({ ...visit, callState: { ...base(visit), prisonerReady: true } })
        : (visit) => ({
            ...visit,
            knockedAt,
            callState: { ...base(visit), status: 'waiting', knockedAt } as CallState,
          });
  }
  if (!visitId) return { visits: [...visits] };

  const index = visits.findIndex((visit) => visit.id === visitId);
  const before = index >= 0 ? visits[index] : undefined;
  let after: StaffVisit | undefined;
  if (incoming) {
    const onThisDay =
      dateIn(incoming.start, incoming.prison?.timezone ?? day.timeZone) === day.date &&
      (!day.type || incoming.type === day.type);
    if (!onThisDay && !before) return { visits: [...visits] };
    // A `visit` event may carry the booking without its call state: keep what we know.
    after = {
      ...before,
      ...incoming,
      callState: incoming.callState ?? before?.callState,
      knockedAt: incoming.knockedAt ?? incoming.callState?.knockedAt ?? before?.knockedAt,
      links: incoming.links ?? before?.links ?? {},
    };
  } else if (before && patch) {
    after = patch(before);
  } else {
    return { visits: [...visits], unknownVisit: true };
  }
  const next = [...visits];
  if (index >= 0) next[index] = after;
  else next.push(after);
  return { visits: next, visit: after, change: changeBetween(before, after) };
}
