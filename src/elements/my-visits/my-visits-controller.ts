// What <visit-my-visits> knows and does, without its view: the family's visits for the chosen scope, kept
// current (a `visit-booked` from any element under the same provider, and the family's own event stream for
// what the prison changes), what each visit still allows, and the change and cancel actions.
import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisitClient } from '../../api/client.js';
import type { Clock } from '../../api/clock.js';
import {
  cancelVisit,
  changeVisit,
  createHold,
  downloadMyData,
  followFamily,
  getAvailability,
  listPrisons,
  listVisits,
  type CancelReason,
  type Visit,
  type VisitScope,
} from '../../api/family.js';
import { addDays, todayIn } from '../../core/dates.js';

/** The element the controller serves (a `VisitElement` is one). */
export interface MyVisitsHost extends ReactiveControllerHost {
  readonly activeClient: VisitClient | undefined;
  readonly clock: Clock;
}

export interface MyVisitsOptions {
  /** The list shown. */
  scope(): VisitScope;
  /** The visit being moved to another time, if any: its prisons and availability are loaded. */
  changing(): Visit | undefined;
  /** Where sibling elements' events arrive: the provider (`VisitEnvironment.events`); else the document. */
  events(): EventTarget | undefined;
  /** Loaded alongside the availability (the element's lazy date picker). */
  alongsideAvailability?(): Promise<unknown>;
}

/** What one visit still allows, as of `now`. */
export interface VisitActions {
  join: boolean;
  /** When the waiting room opens, while it is not open yet. */
  joinFrom?: string;
  change: boolean;
  cancel: boolean;
}

/** Statuses of a visit that still takes place. */
const isActive = (visit: Visit) => visit.status === 'booked' || visit.status === 'requested';

/**
 * The one place that decides a visit's buttons. A visit whose call has ended (`callOutcome`, recorded by the
 * server) or that is over allows nothing; Join only in the waiting room's window; Change only before it starts.
 */
export function visitActions(visit: Visit, now: number): VisitActions {
  if (!isActive(visit) || visit.callOutcome || now >= Date.parse(visit.call?.endsAt ?? visit.end))
    return { join: false, change: false, cancel: false };
  const call = visit.type === 'video' && visit.status === 'booked' ? visit.call : undefined;
  const opens = call ? Date.parse(call.opensAt) : NaN;
  return {
    join: !!call && opens <= now,
    ...(call && now < opens ? { joinFrom: call.opensAt } : {}),
    change: now < Date.parse(visit.start),
    cancel: true,
  };
}

/** Why the prison must check a visit, as the family is told it (the server's `review.reason`). */
export type ReviewReason = NonNullable<Visit['review']>['reason'];
/** The review notice a visit shows: only a visit that still takes place, and that the prison flagged. */
export function reviewNotice(visit: Visit): ReviewReason | undefined {
  return isActive(visit) && visit.review ? visit.review.reason : undefined;
}

const REASONS = [
  'behaviour',
  'security',
  'technical',
  'requested',
  'identity-not-confirmed',
  'not-on-booking',
] as const;
/** A staff reason for ending (or refusing) a call, as the family is told it: unknown ones are `other`. */
export function familyReason(reason: string): (typeof REASONS)[number] | 'other' {
  return (REASONS as readonly string[]).includes(reason) ? (reason as (typeof REASONS)[number]) : 'other';
}

const TICK_MS = 30_000;

export class MyVisitsController implements ReactiveController {
  /** What time it is for the buttons (re-read every 30 s: Join appears when a waiting room opens). */
  now: number;
  /** Whether the family's event stream is open (live updates). */
  live = false;

  readonly #host: MyVisitsHost;
  readonly #options: MyVisitsOptions;
  #refresh = 0;
  #timer?: ReturnType<typeof setInterval>;
  #actions = new AbortController();
  #stream?: { client: VisitClient; abort: AbortController };
  #events?: EventTarget;

  readonly visits: Task<readonly [VisitClient | undefined, VisitScope, number, boolean], Visit[] | undefined>;
  readonly prisons;
  readonly availability;

  constructor(host: MyVisitsHost, options: MyVisitsOptions) {
    this.#host = host;
    this.#options = options;
    this.now = host.clock.now();
    host.addController(this);
    this.visits = new Task(host, {
      task: async ([client, scope, , signedIn], { signal }) =>
        client && signedIn ? listVisits(client, scope, signal) : undefined,
      args: () =>
        [
          this.#host.activeClient,
          this.#options.scope(),
          this.#refresh,
          Boolean(this.#host.activeClient?.signedIn),
        ] as const,
    });
    this.prisons = new Task(host, {
      task: async ([client, wanted], { signal }) =>
        client && wanted ? listPrisons(client, signal) : undefined,
      args: () => [this.#host.activeClient, Boolean(this.#options.changing())] as const,
    });
    this.availability = new Task(host, {
      task: async ([client, visit, prisons], { signal }) => {
        if (!client || !visit || !prisons) return undefined;
        const prison = prisons.find((item) => item.code === visit.prison.code);
        const from = todayIn(visit.prison.timezone, this.#host.clock.now());
        const to = addDays(from, Math.min(prison?.bookingWindow.maxNoticeDays ?? 28, 61));
        const [availability] = await Promise.all([
          getAvailability(client, visit.prisoner.id, { type: visit.type, from, to }, signal),
          this.#options.alongsideAvailability?.(),
        ]);
        return availability;
      },
      args: () => [this.#host.activeClient, this.#options.changing(), this.prisons.value] as const,
    });
  }

  hostConnected(): void {
    if (this.#actions.signal.aborted) this.#actions = new AbortController();
    // The client (and so its clock) may arrive after construction: read the time again once connected.
    this.now = this.#host.clock.now();
    this.#timer = setInterval(() => {
      this.now = this.#host.clock.now();
      this.#host.requestUpdate();
    }, TICK_MS);
  }

  hostUpdated(): void {
    // The provider, the client or the sign-in may change at any time: follow what is there now.
    this.#listen(this.#options.events() ?? (typeof document === 'undefined' ? undefined : document));
    this.#follow();
  }

  hostDisconnected(): void {
    this.#actions.abort();
    clearInterval(this.#timer);
    this.#listen(undefined);
    this.#stop();
  }

  /** Loads the list again. */
  reload(): void {
    this.#refresh++;
    this.#host.requestUpdate();
  }

  /** What `visit` still allows now. */
  actions(visit: Visit): VisitActions {
    return visitActions(visit, this.now);
  }

  /** Moves `visit` to `slotId` (a hold, then the change: the reference stays). Rejects with VisitApiError. */
  async change(visit: Visit, slotId: string): Promise<Visit> {
    const client = this.#host.activeClient!;
    const signal = this.#actions.signal;
    const hold = await createHold(client, { prisonerId: visit.prisoner.id, slotId }, signal);
    const moved = await changeVisit(client, visit.id, hold.id, signal);
    this.reload();
    return moved;
  }

  /** Everything held about the family member, as a readable page (subject access). Rejects with VisitApiError. */
  myData(): Promise<Blob> {
    return downloadMyData(this.#host.activeClient!, 'html', this.#actions.signal);
  }

  /** Cancels `visit`. Rejects with VisitApiError. */
  async cancel(visit: Visit, body: { reason: CancelReason; note?: string }): Promise<Visit> {
    const cancelled = await cancelVisit(this.#host.activeClient!, visit.id, body, this.#actions.signal);
    this.reload();
    return cancelled;
  }

  // A booking made by an element of the same family's session (the same client): the list is out of date.
  readonly #onBooked = (event: Event) => {
    const origin = event.composedPath()[0] as { activeClient?: VisitClient } | undefined;
    const theirs = origin?.activeClient;
    if (theirs && theirs !== this.#host.activeClient) return;
    this.reload();
  };

  #listen(target: EventTarget | undefined): void {
    if (target === this.#events) return;
    this.#events?.removeEventListener('visit-booked', this.#onBooked);
    this.#events = target;
    target?.addEventListener('visit-booked', this.#onBooked);
  }

  #follow(): void {
    const client = this.#host.activeClient;
    const wanted = client?.signedIn ? client : undefined;
    if (this.#stream?.client === wanted) return;
    this.#stop();
    if (!wanted) return;
    const abort = new AbortController();
    this.#stream = { client: wanted, abort };
    followFamily(wanted, abort.signal, {
      onVisit: () => this.reload(),
      onLink: () => this.reload(),
      onStatus: (status) => {
        this.live = status === 'open';
        this.#host.requestUpdate();
      },
    }).catch(() => {
      // Signed out, or a backend without the stream: the list still works, only not live.
      if (this.#stream?.abort === abort) this.live = false;
    });
  }

  #stop(): void {
    this.#stream?.abort.abort();
    this.#stream = undefined;
    this.live = false;
  }
}
