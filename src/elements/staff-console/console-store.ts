// The console's shared state (the chosen day, its visits, live updates) and the actions on a visit. Plain
// TypeScript: panels subscribe to `change`; every write goes through StaffApi and updates the list at once,
// without waiting for the pushed event that follows.
import type { VisitClient } from '../../api/client.js';
import { VisitApiError } from '../../api/errors.js';
import type { StreamEvent } from '../../api/event-stream.js';
import { applyStaffEvent, dateIn, type AppliedEvent } from './model.js';
import {
  StaffApi,
  type CallState,
  type DenyReason,
  type Outcome,
  type StaffEndReason,
  type StaffVisit,
  type VisitType,
} from '../../api/staff.js';

export type LoadStatus = 'idle' | 'pending' | 'complete' | 'error';
export type LiveStatus = 'off' | 'open' | 'reconnecting';

/** Detail of the store's `visit-change` event: what a pushed event or an action changed. */
export type VisitChange = AppliedEvent;

export class ConsoleStore extends EventTarget {
  readonly api: StaffApi;
  date: string;
  type: VisitType | '' = '';
  /** The prison's time zone, learnt from the visits (the day is a calendar date there). */
  timeZone: string | undefined;
  visits: StaffVisit[] = [];
  status: LoadStatus = 'idle';
  error: unknown;
  live: LiveStatus = 'off';
  #load?: AbortController;
  #events?: AbortController;
  #refetchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: VisitClient, date?: string) {
    super();
    this.api = new StaffApi(client);
    this.date = date ?? dateIn(client.clock.now(), undefined);
  }

  get client(): VisitClient {
    return this.api.client;
  }

  /** Loads the chosen day (aborting a load in flight). */
  async load(): Promise<void> {
    this.#load?.abort();
    const controller = new AbortController();
    this.#load = controller;
    this.status = 'pending';
    this.#changed();
    try {
      const visits = await this.api.visits(this.date, this.type, controller.signal);
      if (controller.signal.aborted) return;
      this.visits = Array.isArray(visits) ? visits : [];
      this.timeZone = this.visits.find((visit) => visit.prison?.timezone)?.prison?.timezone ?? this.timeZone;
      this.status = 'complete';
      this.error = undefined;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = 'error';
      this.error = error;
    }
    this.#changed();
  }

  setDay(date: string, type: VisitType | '' = this.type): Promise<void> {
    this.date = date;
    this.type = type;
    return this.load();
  }

  /** Follows `/staff/events` until `stop()`; reloads the day after each reconnection to catch up. */
  start(): void {
    if (this.#events) return;
    const controller = new AbortController();
    this.#events = controller;
    let opened = false;
    this.api
      .events(
        controller.signal,
        (event) => this.receive(event),
        (status) => {
          this.live = status;
          this.#changed();
          if (status === 'open' && opened) void this.load();
          if (status === 'open') opened = true;
        },
      )
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        this.live = 'off';
        this.error = error;
        this.#changed();
      });
  }

  stop(): void {
    this.#events?.abort();
    this.#events = undefined;
    this.#load?.abort();
    clearTimeout(this.#refetchTimer);
    this.live = 'off';
  }

  /** Applies one pushed event (public for tests and for hosts that relay events themselves). */
  receive(event: StreamEvent): void {
    if (event.event === 'approvals') {
      // A request joined or left the approvals queue (ApprovalsChange): the Approvals section refetches.
      this.dispatchEvent(new Event('approvals-change'));
      return;
    }
    // Any visit pushed (of any day): the Needs review section decides whether its list changed.
    if (event.event === 'visit') this.dispatchEvent(new CustomEvent('visit-pushed', { detail: event.data }));
    const applied = applyStaffEvent(this.visits, event, {
      date: this.date,
      timeZone: this.timeZone,
      type: this.type,
      now: this.client.clock.now(),
    });
    if (applied.unknownVisit) {
      // An event about a visit we do not hold (e.g. booked a moment ago): catch up, at most twice a second.
      clearTimeout(this.#refetchTimer);
      this.#refetchTimer = setTimeout(() => void this.load(), 500);
      return;
    }
    if (!applied.visit) return;
    this.visits = applied.visits;
    this.#changed(applied);
  }

  visit(visitId: string): StaffVisit | undefined {
    return this.visits.find((visit) => visit.id === visitId);
  }

  // ── actions ────────────────────────────────────────────────────────────────────────────────────

  async admit(visitId: string): Promise<void> {
    try {
      const state = await this.api.admit(visitId);
      this.#applyState(visitId, state);
    } catch (error) {
      await this.#recover(visitId, error);
      throw error;
    }
  }

  async deny(visitId: string, reason: DenyReason, note?: string): Promise<void> {
    try {
      const state = await this.api.deny(visitId, reason, note);
      this.#applyState(visitId, state);
    } catch (error) {
      await this.#recover(visitId, error);
      throw error;
    }
  }

  async warn(visitId: string, message: string): Promise<void> {
    await this.api.warn(visitId, message);
    const visit = this.visit(visitId);
    if (visit?.callState) {
      const warnings = [
        ...(visit.callState.warnings ?? []),
        { message, at: new Date(this.client.clock.now()).toISOString() },
      ];
      this.#applyState(visitId, { ...visit.callState, warnings });
    }
  }

  async end(visitId: string, reason: StaffEndReason, note?: string): Promise<void> {
    try {
      const state = await this.api.end(visitId, reason, note);
      this.#applyState(visitId, state);
    } catch (error) {
      await this.#recover(visitId, error);
      throw error;
    }
  }

  async incident(visitId: string, note: string): Promise<void> {
    await this.api.incident(visitId, note);
  }

  /** Records an outcome; `amend` replaces one already recorded (else `409 already-recorded`). */
  async outcome(visitId: string, outcome: Outcome, notes?: string, amend = false): Promise<void> {
    const saved = await this.api.outcome(visitId, outcome, notes, amend);
    const visit = this.visit(visitId);
    if (visit) {
      this.#replace({ ...visit, status: saved.status, subStatus: saved.subStatus, outcome: saved.outcome });
    }
  }

  #applyState(visitId: string, state: CallState | undefined): void {
    const visit = this.visit(visitId);
    if (!visit || !state || typeof state !== 'object' || !('status' in state)) return;
    this.receive({ event: 'state', data: { ...state, visitId } });
  }

  /** After a refused action the list is out of date (someone left, another officer acted): reload it. */
  async #recover(_visitId: string, error: unknown): Promise<void> {
    if (error instanceof VisitApiError && error.status === 409) await this.load();
  }

  #replace(visit: StaffVisit): void {
    this.visits = this.visits.map((each) => (each.id === visit.id ? visit : each));
    this.#changed();
  }

  #changed(change?: VisitChange): void {
    this.dispatchEvent(new Event('change'));
    if (change) this.dispatchEvent(new CustomEvent<VisitChange>('visit-change', { detail: change }));
  }
}
