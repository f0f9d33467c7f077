// The booking journey as an explicit state machine: a pure reducer, no DOM, no network.
// The element renders `state.view`, performs the side effects (API calls) and feeds their outcome back in.
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

export const EMPTY_DRAFT: LinkDraft = {
  prisonCode: '',
  prisonNumber: '',
  firstName: '',
  lastName: '',
  day: '',
  month: '',
  year: '',
  relationship: '',
};

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

function go(state: BookingState, view: View, patch: Partial<BookingState> = {}): BookingState {
  return { ...state, history: [...state.history, state.view], view, notice: undefined, ...patch };
}

/** Where Continue leads from a step: the next step, or back to the check page while editing from it. */
function forward(state: BookingState, next: View, patch: Partial<BookingState> = {}): BookingState {
  if (state.returnToCheck) {
    const answers = patch.answers ?? state.answers;
    // Editing can invalidate later answers (another person, another type): then carry on step by step.
    if (answers.linkId && answers.visitorIds.length && answers.hold) {
      return go(state, 'check', { ...patch, returnToCheck: false });
    }
  }
  return go(state, next, patch);
}

/** Answers changed: a confirm attempt for the old answers must not be replayed with its key. */
function changed(state: BookingState, answers: BookingAnswers): Partial<BookingState> {
  return { answers, confirmKey: undefined };
}

export function transition(state: BookingState, event: BookingEvent): BookingState {
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
    case 'request-link':
      return state.view === 'prisoner' ? go(state, 'link-request') : state;
    case 'link-requested':
      return state.view === 'link-request' ? go(state, 'link-pending') : state;
    case 'choose-prisoner': {
      const same = answers.linkId === event.linkId;
      const next: BookingAnswers = same
        ? { ...answers, allowance: event.allowance ?? answers.allowance }
        : {
            ...answers,
            allowance: event.allowance,
            linkId: event.linkId,
            prisonerId: event.prisonerId,
            prisonCode: event.prisonCode,
            visitorIds: [],
            slot: undefined,
            hold: undefined,
          };
      if (event.preset) {
        // A portal named the person: that step is left out, and Back never lands on it.
        return {
          ...state,
          view: 'visitors',
          answers: next,
          confirmKey: same ? state.confirmKey : undefined,
          skipped: { ...state.skipped, prisoner: true },
        };
      }
      return same
        ? forward(state, 'visitors', { answers: next })
        : go(state, 'visitors', { ...changed(state, next), returnToCheck: false });
    }
    case 'choose-visitors': {
      const typeChanged = answers.type !== event.visitType;
      const next: BookingAnswers = {
        ...answers,
        type: event.visitType,
        visitorIds: [...event.visitorIds],
        ...(typeChanged ? { slot: undefined, hold: undefined } : {}),
      };
      return forward(state, 'slot', changed(state, next));
    }
    case 'held':
      return forward(
        state,
        'details',
        changed(state, {
          ...answers,
          slot: event.slot,
          hold: event.hold,
          holdExtended: answers.hold?.id === event.hold.id ? answers.holdExtended : false,
        }),
      );
    case 'hold-extended':
      // Same hold, later expiry: the confirm key stays valid (the answers did not change).
      return answers.hold?.id === event.hold.id
        ? { ...state, answers: { ...answers, hold: event.hold, holdExtended: true } }
        : state;
    case 'hold-expired':
    case 'slot-taken': {
      const notice: SlotNotice =
        event.type === 'hold-expired'
          ? { kind: 'hold-expired' }
          : { kind: 'slot-taken', alternatives: event.alternatives };
      const next = { ...answers, hold: undefined, slot: undefined };
      if (state.view === 'slot') return { ...state, answers: next, confirmKey: undefined, notice };
      // Back from the date step returns to where the family was before choosing a time.
      const at = state.history.lastIndexOf('slot');
      const history = at >= 0 ? state.history.slice(0, at) : state.history;
      return {
        ...state,
        view: 'slot',
        history,
        answers: next,
        confirmKey: undefined,
        notice,
        returnToCheck: false,
      };
    }
    case 'details':
      return forward(
        state,
        'check',
        changed(state, {
          ...answers,
          supportNeeds: event.supportNeeds,
          contact: { ...event.contact },
          ...(event.legalFirm === undefined ? {} : { legalFirm: event.legalFirm }),
        }),
      );
    case 'change':
      return state.view === 'check' ? go(state, event.view, { returnToCheck: true }) : state;
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
    case 'confirm':
      if (state.view !== 'check') return state;
      return { ...state, confirmKey: state.confirmKey ?? event.key };
    case 'confirm-failed':
      return event.retryable ? state : { ...state, confirmKey: undefined };
    case 'booked':
      return {
        ...state,
        view: 'confirmation',
        history: [],
        visit: event.visit,
        confirmKey: undefined,
        answers: { ...answers, hold: undefined },
        notice: undefined,
      };
    case 'start-again': {
      // Another visit: same person (if a portal named them) and contact details, everything else fresh.
      const fresh = initialState({ signedIn: true, email: answers.email, visitType: event.visitType });
      const keepPrisoner = state.skipped.prisoner
        ? { linkId: answers.linkId, prisonerId: answers.prisonerId, prisonCode: answers.prisonCode }
        : {};
      return {
        ...fresh,
        skipped: state.skipped,
        view: state.skipped.prisoner ? 'visitors' : 'prisoner',
        answers: { ...fresh.answers, ...keepPrisoner, contact: answers.contact },
      };
    }
  }
}
