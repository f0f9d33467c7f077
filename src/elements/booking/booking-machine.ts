// The booking journey as an explicit state machine: a pure reducer, no DOM, no network.
// The element renders `state.view`, performs the side effects (API calls) and feeds their outcome back in.
// This file has its states, events and the moves of the first screens (signInTransition); the full reducer,
// `transition`, is in booking-journey-machine.ts and loads with the later screens.
import type { Hold, Slot, Visit, VisitType } from '../../api/family.js';

/** The numbered steps of the journey (what "Step N of M" counts). */
export type StepId = 'sign-in' | 'prisoner' | 'visitors' | 'slot' | 'details' | 'check';

/** Every screen: the steps plus the pages inside them and the confirmation. */
export type View = StepId | 'code' | 'link-request' | 'link-pending' | 'confirmation';

const STEP_ORDER: readonly StepId[] = ['sign-in', 'prisoner', 'visitors', 'slot', 'details', 'check'];

const STEP_OF: Record<View, StepId | undefined> = {
  'sign-in': 'sign-in',
  code: 'sign-in',
  prisoner: 'prisoner',
  'link-request': 'prisoner',
  'link-pending': 'prisoner',
  visitors: 'visitors',
  slot: 'slot',
  details: 'details',
  check: 'check',
  confirmation: undefined,
};

export interface ContactAnswers {
  byEmail: boolean;
  email: string;
  bySms: boolean;
  phone: string;
  welshUpdates: boolean;
}

export interface BookingAnswers {
  email: string;
  linkId?: string;
  prisonerId?: string;
  prisonCode?: string;
  type?: VisitType;
  visitorIds: string[];
  slot?: Slot;
  hold?: Hold;
  /** The family already had the hold's one extension. */
  holdExtended?: boolean;
  supportNeeds: string;
  contact: ContactAnswers;
  /** A legal visit's firm, as the legal professional registers it (sent only when the held time is legal). */
  legalFirm?: string;
  /** The chosen person's visits left in the period, as read when they were chosen. */
  allowance?: AllowanceLeft;
}

/** Visits left in the allowance period, and the day the next allowance starts. */
export interface AllowanceLeft {
  remaining: number;
  nextAllocation: string;
}

/** What the family typed into "ask to link a person", kept when they go back and forth. */
export interface LinkDraft {
  prisonCode: string;
  prisonNumber: string;
  firstName: string;
  lastName: string;
  day: string;
  month: string;
  year: string;
  relationship: string;
}

/** An email address as the sign-in and contact steps accept it (the backend checks again). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why the family is back on the date-and-time step. */
export type SlotNotice = { kind: 'hold-expired' } | { kind: 'slot-taken'; alternatives: Slot[] };

export interface BookingState {
  view: View;
  /** Views to go back to, most recent last. */
  history: View[];
  answers: BookingAnswers;
  /** Steps the integrator or the session already answered, left out of the count. */
  skipped: { signIn: boolean; prisoner: boolean };
  /** Set while the family edits one answer from "Check your answers": Continue goes back there. */
  returnToCheck: boolean;
  /** The Idempotency-Key of the current confirm attempt; kept for retries, dropped when answers change. */
  confirmKey?: string;
  notice?: SlotNotice;
  visit?: Visit;
}

export type BookingEvent =
  | { type: 'code-sent'; email: string }
  | { type: 'signed-in'; email?: string }
  | { type: 'signed-out' }
  | { type: 'request-link' }
  | { type: 'link-requested' }
  | {
      type: 'choose-prisoner';
      linkId: string;
      prisonerId: string;
      prisonCode: string;
      preset?: boolean;
      /** The person's visits left when chosen (shown to the family; staff may have adjusted it). */
      allowance?: AllowanceLeft;
    }
  | { type: 'choose-visitors'; visitType: VisitType; visitorIds: string[] }
  | { type: 'held'; slot: Slot; hold: Hold }
  | { type: 'hold-expired' }
  | { type: 'hold-extended'; hold: Hold }
  | { type: 'slot-taken'; alternatives: Slot[] }
  | { type: 'details'; supportNeeds: string; contact: ContactAnswers; legalFirm?: string }
  | { type: 'change'; view: 'prisoner' | 'visitors' | 'slot' | 'details' }
  | { type: 'back' }
  | { type: 'confirm'; key: string }
  | { type: 'confirm-failed'; retryable: boolean }
  | { type: 'booked'; visit: Visit }
  | { type: 'start-again'; visitType?: VisitType };

export interface StartOptions {
  signedIn: boolean;
  email?: string;
  visitType?: VisitType;
}

export function initialState(options: StartOptions): BookingState {
  return {
    view: options.signedIn ? 'prisoner' : 'sign-in',
    history: [],
    answers: {
      email: options.email ?? '',
      type: options.visitType,
      visitorIds: [],
      supportNeeds: '',
      contact: { byEmail: true, email: options.email ?? '', bySms: false, phone: '', welshUpdates: false },
    },
    skipped: { signIn: options.signedIn, prisoner: false },
    returnToCheck: false,
  };
}

/** The numbered steps of this journey, without the ones skipped. */
export function steps(state: BookingState): StepId[] {
  return STEP_ORDER.filter(
    (step) =>
      !(step === 'sign-in' && state.skipped.signIn) && !(step === 'prisoner' && state.skipped.prisoner),
  );
}

/** "Step `index` of `total`" for the current view, or undefined on the confirmation. */
export function progress(state: BookingState): { step: StepId; index: number; total: number } | undefined {
  const step = STEP_OF[state.view];
  if (!step) return undefined;
  const list = steps(state);
  const index = list.indexOf(step);
  return index < 0 ? undefined : { step, index: index + 1, total: list.length };
}

export function canGoBack(state: BookingState): boolean {
  return state.history.length > 0 && state.view !== 'confirmation';
}

/** Moves to `view`, remembering where Back leads. */
export function go(state: BookingState, view: View, patch: Partial<BookingState> = {}): BookingState {
  return { ...state, history: [...state.history, state.view], view, notice: undefined, ...patch };
}

/**
 * The machine's moves for signing in and out, and Back: all the first screens need. The full machine
 * (`transition`, booking-journey-machine.ts) loads with the later screens and hands these events here; any other
 * event leaves the state as it is.
 */
export function signInTransition(state: BookingState, event: BookingEvent): BookingState {
  const { answers } = state;
  switch (event.type) {
    case 'code-sent':
      if (state.view !== 'sign-in' && state.view !== 'code') return state;
      return state.view === 'code'
        ? { ...state, answers: { ...answers, email: event.email } }
        : go(state, 'code', { answers: { ...answers, email: event.email } });
    case 'signed-in': {
      const email = event.email ?? answers.email;
      const contact = answers.contact.email ? answers.contact : { ...answers.contact, email };
      // Signing in starts the journey proper: Back does not lead to the code page again.
      return {
        ...state,
        view: answers.linkId && state.skipped.prisoner ? 'visitors' : 'prisoner',
        history: [],
        answers: { ...answers, email, contact },
        notice: undefined,
      };
    }
    case 'signed-out':
      return {
        ...state,
        view: 'sign-in',
        history: [],
        answers: { ...answers, hold: undefined, slot: undefined },
        skipped: { ...state.skipped, signIn: false },
        returnToCheck: false,
        confirmKey: undefined,
        notice: undefined,
      };
    case 'back': {
      if (!canGoBack(state)) return state;
      const history = state.history.slice(0, -1);
      const view = state.history[state.history.length - 1]!;
      return {
        ...state,
        view,
        history,
        notice: undefined,
        returnToCheck: view === 'check' ? false : state.returnToCheck,
      };
    }
    default:
      return state;
  }
}
