import { expect } from '@open-wc/testing';
import { transition } from '../../../src/elements/booking/booking-journey-machine.js';
import {
  canGoBack,
  initialState,
  progress,
  type BookingEvent,
  type BookingState,
} from '../../../src/elements/booking/booking-machine.js';
import type { Hold, Slot, Visit } from '../../../src/api/family.js';
import { detailsErrors, detailsFrom } from '../../../src/elements/booking/booking-journey-rules.js';

const slot: Slot = {
  id: 't1.2026-12-02',
  start: '2026-12-02T14:00:00.000Z',
  end: '2026-12-02T15:00:00.000Z',
  type: 'video',
  capacity: 4,
  remaining: 2,
};
const hold: Hold = {
  id: 'h1',
  slotId: slot.id,
  start: slot.start,
  end: slot.end,
  expiresAt: '2026-12-01T10:10:00Z',
};
const contact = { byEmail: true, email: 'sam@example.org', bySms: false, phone: '', welshUpdates: false };

function run(state: BookingState, ...events: BookingEvent[]): BookingState {
  return events.reduce(transition, state);
}

const toCheck: BookingEvent[] = [
  { type: 'code-sent', email: 'sam@example.org' },
  { type: 'signed-in' },
  { type: 'choose-prisoner', linkId: 'l1', prisonerId: 'p1', prisonCode: 'NMI' },
  { type: 'choose-visitors', visitType: 'video', visitorIds: ['v1', 'v2'] },
  { type: 'held', slot, hold },
  { type: 'details', supportNeeds: 'Step-free access', contact },
];

describe('booking machine', () => {
  it('walks sign-in → code → person → visitors → time → details → check, numbering 6 steps', () => {
    let state = initialState({ signedIn: false });
    const seen: string[] = [];
    for (const event of toCheck) {
      const p = progress(state)!;
      seen.push(`${state.view}:${p.index}/${p.total}`);
      state = transition(state, event);
    }
    seen.push(`${state.view}:${progress(state)!.index}/${progress(state)!.total}`);
    expect(seen).to.deep.equal([
      'sign-in:1/6',
      'code:1/6',
      'prisoner:2/6',
      'visitors:3/6',
      'slot:4/6',
      'details:5/6',
      'check:6/6',
    ]);
    expect(state.answers.contact.email).to.equal('sam@example.org');
  });

  it('skips sign-in when a session is supplied and counts 5 steps; a preset person counts 4', () => {
    let state = initialState({ signedIn: true, email: 'sam@example.org' });
    expect(state.view).to.equal('prisoner');
    expect(progress(state)).to.deep.equal({ step: 'prisoner', index: 1, total: 5 });
    state = transition(state, {
      type: 'choose-prisoner',
      linkId: 'l1',
      prisonerId: 'p1',
      prisonCode: 'NMI',
      preset: true,
    });
    expect(progress(state)).to.deep.equal({ step: 'visitors', index: 1, total: 4 });
    expect(canGoBack(state), 'Back never lands on a step the portal answered').to.equal(false);
  });

  it('goes back through the steps keeping every answer', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck);
    state = run(state, { type: 'back' }, { type: 'back' }, { type: 'back' });
    expect(state.view).to.equal('visitors');
    expect(state.answers.visitorIds).to.deep.equal(['v1', 'v2']);
    expect(state.answers.hold?.id).to.equal('h1');
    expect(state.answers.supportNeeds).to.equal('Step-free access');
    state = run(state, { type: 'back' }, { type: 'back' });
    expect(state.view).to.equal('prisoner');
    expect(canGoBack(state), 'Back does not return to the code page after signing in').to.equal(false);
  });

  it('returns to check answers after changing one answer', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck);
    state = transition(state, { type: 'change', view: 'details' });
    expect(state.view).to.equal('details');
    state = transition(state, { type: 'details', supportNeeds: 'BSL interpreter', contact });
    expect(state.view).to.equal('check');
    expect(state.answers.supportNeeds).to.equal('BSL interpreter');
  });

  it('changing the visit type from check answers drops the held time and asks for a new one', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck);
    state = run(
      state,
      { type: 'change', view: 'visitors' },
      { type: 'choose-visitors', visitType: 'in-person', visitorIds: ['v1'] },
    );
    expect(state.view).to.equal('slot');
    expect(state.answers.hold).to.equal(undefined);
    state = transition(state, { type: 'held', slot: { ...slot, type: 'in-person' }, hold });
    expect(state.view, 'then straight back to check').to.equal('check');
  });

  it('reuses one idempotency key across retries of a confirm attempt, and a new one after answers change', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck);
    state = transition(state, { type: 'confirm', key: 'key-1' });
    expect(state.confirmKey).to.equal('key-1');
    state = run(state, { type: 'confirm-failed', retryable: true }, { type: 'confirm', key: 'key-2' });
    expect(state.confirmKey, 'network retry replays the same key').to.equal('key-1');
    state = run(state, { type: 'change', view: 'details' }, { type: 'details', supportNeeds: 'x', contact });
    state = transition(state, { type: 'confirm', key: 'key-3' });
    expect(state.confirmKey).to.equal('key-3');
    state = run(state, { type: 'confirm-failed', retryable: false }, { type: 'confirm', key: 'key-4' });
    expect(state.confirmKey).to.equal('key-4');
  });

  it('sends the family back to choose a time when the hold runs out, with a notice', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck);
    state = transition(state, { type: 'hold-expired' });
    expect(state.view).to.equal('slot');
    expect(state.notice).to.deep.equal({ kind: 'hold-expired' });
    expect(state.answers.hold).to.equal(undefined);
    expect(state.answers.visitorIds, 'other answers stay').to.deep.equal(['v1', 'v2']);
    state = transition(state, { type: 'back' });
    expect(state.view).to.equal('visitors');
  });

  it('offers alternatives when the slot was taken meanwhile', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck.slice(0, 4));
    state = transition(state, { type: 'slot-taken', alternatives: [slot] });
    expect(state.view).to.equal('slot');
    expect(state.notice).to.deep.equal({ kind: 'slot-taken', alternatives: [slot] });
  });

  it('link request leads to the pending page inside the person step', () => {
    const state = run(initialState({ signedIn: true }), { type: 'request-link' }, { type: 'link-requested' });
    expect(state.view).to.equal('link-pending');
    expect(progress(state)?.step).to.equal('prisoner');
    expect(transition(state, { type: 'back' }).view).to.equal('link-request');
  });

  it('confirmation ends the journey; start again keeps contact details', () => {
    let state = run(initialState({ signedIn: false }), ...toCheck, { type: 'confirm', key: 'k' });
    state = transition(state, { type: 'booked', visit: { id: 'v', reference: 'ABCD2345' } as Visit });
    expect(state.view).to.equal('confirmation');
    expect(progress(state)).to.equal(undefined);
    expect(canGoBack(state)).to.equal(false);
    expect(state.confirmKey).to.equal(undefined);
    state = transition(state, { type: 'start-again' });
    expect(state.view).to.equal('prisoner');
    expect(state.answers.visitorIds).to.deep.equal([]);
    expect(state.answers.contact.email).to.equal('sam@example.org');
  });

  it('signing out mid-journey returns to sign-in and forgets the hold', () => {
    const state = run(initialState({ signedIn: true }), ...toCheck.slice(2), { type: 'signed-out' });
    expect(state.view).to.equal('sign-in');
    expect(state.answers.hold).to.equal(undefined);
    expect(progress(state)).to.deep.equal({ step: 'sign-in', index: 1, total: 6 });
  });
});

describe('legal visit details', () => {
  const t = (key: string) => key;
  it('asks for the firm only on a legal time, and checks it as the server does', () => {
    expect(detailsErrors(t, '', contact)).to.deep.equal([]);
    expect(detailsErrors(t, '', contact, '').map((error) => error.message)).to.deep.equal([
      'booking.details.firmMissing',
    ]);
    expect(detailsErrors(t, '', contact, 'Jones & Evans Solicitors LLP')).to.deep.equal([]);
    for (const bad of ['<script>', '-Dash first', 'x'.repeat(121)])
      expect(
        detailsErrors(t, '', contact, bad).map((error) => error.field),
        bad,
      ).to.deep.equal(['legalFirm']);
  });

  it('reads the firm only when the form has the field, with spaces tidied', () => {
    const data = new FormData();
    data.set('byEmail', 'on');
    data.set('contactEmail', 'sam@example.org');
    expect(detailsFrom(data)).to.not.have.property('legalFirm');
    data.set('legalFirm', '  Jones   & Evans ');
    expect(detailsFrom(data).legalFirm).to.equal('Jones & Evans');
  });

  it('keeps the firm in the answers through check and change', () => {
    const legalSlot = { ...slot, legal: true };
    let state = run(initialState({ signedIn: false }), ...toCheck.slice(0, 4), {
      type: 'held',
      slot: legalSlot,
      hold,
    });
    state = transition(state, { type: 'details', supportNeeds: '', contact, legalFirm: 'Jones & Evans' });
    expect(state.view).to.equal('check');
    expect(state.answers.legalFirm).to.equal('Jones & Evans');
    state = transition(state, { type: 'change', view: 'details' });
    state = transition(state, { type: 'details', supportNeeds: 'Interpreter', contact });
    expect(state.answers.legalFirm, 'not sent again: kept').to.equal('Jones & Evans');
  });
});
