// PhoneBooking (the Phone bookings section's logic) without any element: what the search box accepts, and the
// flow choose → hold → book, a change, a refused adjustment kept as the problem, each firing `change`.
import { expect } from '@open-wc/testing';
import { VisitApiError } from '../../src/api/errors.js';
import { familyQuery, PhoneBooking } from '../../src/elements/staff-console/phone-booking.js';
import { phoneRoutes, phoneState } from '../support/fake-phone-api.js';
import { DAY, staffBackend } from '../support/fake-staff-api.js';

function model() {
  const state = phoneState();
  const backend = staffBackend({ routes: phoneRoutes(state) });
  const booking = new PhoneBooking(backend.client);
  let changes = 0;
  booking.addEventListener('change', () => (changes += 1));
  return { booking, backend, state, changes: () => changes };
}

describe('PhoneBooking', () => {
  it('reads the search box as an email or a prison number, nothing else', () => {
    expect(familyQuery(' Sam@Example.org ')).to.deep.equal({ email: 'sam@example.org' });
    expect(familyQuery('a1234bc')).to.deep.equal({ prisonNumber: 'A1234BC' });
    expect(familyQuery('Sam')).to.equal(undefined);
    expect(familyQuery('')).to.equal(undefined);
  });

  it('finds, chooses, holds and books; the allowance and the visits are read again after', async () => {
    const { booking, backend, changes } = model();
    expect(await booking.search('nobody')).to.equal(false);
    expect(backend.api.callsTo('GET /staff/families')).to.have.length(0);
    await booking.search('sam@example.org');
    const family = booking.families[0]!;
    await booking.choose(family, family.links[0]!, DAY);
    expect(booking.allowance?.allowance.remaining).to.equal(2);
    expect(booking.slots.map((slot) => slot.id)).to.deep.equal(['tpl_a.2026-12-02', 'tpl_a.2026-12-03']);
    await booking.holdSession('tpl_a.2026-12-02');
    expect(booking.hold?.id).to.equal('h1');
    await booking.confirm(['u-sam']);
    expect(booking.done?.kind).to.equal('booked');
    expect(booking.hold).to.equal(undefined);
    expect(booking.allowance?.allowance.remaining).to.equal(1);
    expect(booking.visits.map((visit) => visit.reference)).to.include('PH0NE123');
    expect(changes()).to.be.greaterThan(5);
  });

  it('moves a visit through a new hold; a refused adjustment is kept as the problem', async () => {
    const { booking, backend } = model();
    await booking.search('A1234BC');
    const family = booking.families[0]!;
    await booking.choose(family, family.links[0]!, DAY);
    booking.startChange(booking.visits[0]!);
    await booking.holdSession('tpl_a.2026-12-03');
    await booking.confirm([]);
    expect(booking.done?.kind).to.equal('changed');
    expect(backend.api.callsTo('POST /staff/families/u-sam/visits/up/change')).to.have.length(1);
    expect(backend.api.callsTo('POST /staff/families/{userId}/bookings')).to.have.length(0);
    expect(await booking.adjust({ delta: -9, reason: 'corrective-action' })).to.equal(false);
    expect((booking.problem as VisitApiError).code).to.equal('allowance-limit');
    expect(booking.busy).to.equal(false);
  });
});
