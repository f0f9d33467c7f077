// The booking journey's state machine in full: the sign-in moves (booking-machine.ts, `signInTransition`) and
// every later step's, a pure reducer (no DOM, no network). It loads with the later screens; BookingJourney
// (booking-journey.ts) hands it to the controller then. `visit-kit` exports it as `bookingTransition`.
import {
  go,
  initialState,
  signInTransition,
  type BookingAnswers,
  type BookingEvent,
  type BookingState,
  type SlotNotice,
  type View,
} from './booking-machine.js';

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
    case 'signed-in':
    case 'signed-out':
    case 'back':
      return signInTransition(state, event);
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
