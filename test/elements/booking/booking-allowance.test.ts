// The family sees the visits it has left (what staff may have adjusted) when it has chosen whom to visit.
import { expect, fixture, html } from '@open-wc/testing';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import '../../../src/elements/booking/visit-booking.js';
import { familyBackend } from './family-backend.js';
import { check, click, text, untilHeading } from './helpers.js';

async function toVisitors(lang: 'en' | 'cy', allowance: number) {
  const backend = familyBackend({ signedIn: true, allowance });
  const element = await fixture<VisitBooking>(
    html`<visit-booking .client=${backend.client} lang=${lang}></visit-booking>`,
  );
  return { backend, element };
}

describe('<visit-booking> visits left', () => {
  it('shows the balance on the visitors step, read again each time the person is chosen (staff adjustments show)', async () => {
    const { backend, element } = await toVisitors('en', 1);
    await untilHeading(element, 'Who are you visiting?');
    check(element, 'Alex Smith');
    await click(element, 'Continue');
    await untilHeading(element, 'Visit type and visitors');
    expect(text(element)).to.match(
      /1 visit left in this allowance\. Booking uses one\. New visits from \w+, \d+ \w+ \d{4}\./,
    );
    expect(element.shadowRoot!.querySelector('[part="allowance"]')).to.not.equal(null);
    await expect(element).to.be.accessible();
    // staff granted three more by phone: going back and choosing again reads the new balance
    backend.api.route('GET /prisoners/{prisonerId}/allowance', () => ({
      remaining: 4,
      periodEnds: '2099-01-01',
      nextAllocation: '2099-01-02',
    }));
    await click(element, 'Back');
    await untilHeading(element, 'Who are you visiting?');
    await click(element, 'Continue');
    await untilHeading(element, 'Visit type and visitors');
    expect(text(element)).to.contain(
      '4 visits left in this allowance. Booking uses one. New visits from Friday, 2 January 2099.',
    );
  });

  it('in Welsh', async () => {
    const { element } = await toVisitors('cy', 2);
    await untilHeading(element, 'Pwy ydych chi’n ymweld â nhw?');
    check(element, 'Alex Smith');
    await click(element, 'Parhau');
    await untilHeading(element, 'Math o ymweliad ac ymwelwyr');
    expect(text(element)).to.contain('2 ymweliad ar ôl yn y lwfans hwn.');
  });
});
