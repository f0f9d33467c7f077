import { expect } from '@open-wc/testing';
import {
  applyStaffEvent,
  displayStatus,
  groupBySession,
  needsOutcome,
  relationshipOf,
} from '../../../src/elements/staff-console/model.js';
import { callState, DAY, recorded, TZ, visit } from '../../support/fake-staff-api.js';

const day = { date: DAY, timeZone: TZ };
const after = Date.parse(`${DAY}T15:00:00.000Z`);
const before = Date.parse(`${DAY}T13:00:00.000Z`);

describe('staff console model', () => {
  it('derives the status staff see', () => {
    expect(displayStatus(visit('a'), before)).to.equal('booked');
    expect(displayStatus(visit('a'), after)).to.equal('no-show');
    expect(displayStatus(visit('a', { callState: callState('a', 'checking') }), before)).to.equal('checking');
    expect(displayStatus(visit('a', { callState: callState('a', 'admitted') }), before)).to.equal('in-call');
    expect(displayStatus(visit('a', { outcome: recorded('prisoner-no-show') }), after)).to.equal('no-show');
    expect(
      displayStatus(visit('a', { status: 'cancelled', callState: callState('a', 'waiting') }), before),
    ).to.equal('cancelled');
    expect(needsOutcome(visit('a', { callState: callState('a', 'ended') }), after)).to.equal(true);
    expect(
      needsOutcome(visit('a', { callState: callState('a', 'ended'), outcome: recorded('completed') }), after),
    ).to.equal(false);
    expect(needsOutcome(visit('a'), before)).to.equal(false);
  });

  it('groups by session in time order', () => {
    const groups = groupBySession([
      visit('b'),
      visit('a', { start: `${DAY}T09:00:00.000Z`, end: `${DAY}T10:00:00.000Z` }),
      visit('c'),
      visit('d', { type: 'in-person' }),
    ]);
    expect(groups.map((group) => [group.type, group.visits.map((each) => each.id)])).to.deep.equal([
      ['video', ['a']],
      ['video', ['b', 'c']],
      ['in-person', ['d']],
    ]);
  });

  it('applies knock, state and visit events; keeps the call state a visit event lacks', () => {
    const list = [visit('a'), visit('b', { callState: callState('b', 'in-call') })];
    const knock = applyStaffEvent(
      list,
      { event: 'knock', data: { visitId: 'a', at: `${DAY}T13:55:00.000Z`, who: 'visitor' } },
      day,
    );
    expect(knock.change).to.equal('knock');
    expect(knock.visit!.callState!.status).to.equal('waiting');
    expect(knock.visit!.knockedAt).to.equal(`${DAY}T13:55:00.000Z`);
    const ready = applyStaffEvent(
      list,
      { event: 'knock', data: { visitId: 'a', at: `${DAY}T13:55:00.000Z`, who: 'prisoner' } },
      day,
    );
    expect(ready.visit!.callState!.prisonerReady).to.equal(true);
    expect(ready.visit!.callState!.status).to.not.equal('waiting');
    const ended = applyStaffEvent(list, { event: 'state', data: callState('b', 'ended') }, day);
    expect(ended.change).to.equal('ended');
    const renamed = applyStaffEvent(
      list,
      { event: 'visit', data: { ...visit('b'), supportNeeds: 'Ramp', callState: undefined } },
      day,
    );
    expect(renamed.visit!.supportNeeds).to.equal('Ramp');
    expect(renamed.visit!.callState!.status).to.equal('in-call');
    expect(
      applyStaffEvent(list, { event: 'state', data: callState('zz', 'waiting') }, day).unknownVisit,
    ).to.equal(true);
  });

  it('finds each visitor’s relationship (the contract keys them by visitor id)', () => {
    expect(relationshipOf(visit('a', { links: { 'v-a': 'Son' } }), 'v-a')).to.equal('Son');
    expect(relationshipOf(visit('a', { links: { 'v-a': 'Aunt', 'v-b': 'Son' } }), 'v-b')).to.equal('Son');
    expect(relationshipOf(visit('a', { links: {} }), 'v-a')).to.equal(undefined);
  });
});
