// The hold's one extension (WCAG 2.2.1, as GOV.UK's timeout warning): "Give me 10 more minutes" on the details
// and check steps moves the hold's end 10 minutes later, says so, and is offered once.
import { expect, fixture, html } from '@open-wc/testing';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import '../../../src/elements/booking/visit-booking.js';
import { familyBackend } from './family-backend.js';
import { button, check, click, q, text, until, untilHeading } from './helpers.js';

describe('<visit-booking> hold extension', () => {
  it('extends the hold once, announces the new time, then stops offering it', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await fixture<VisitBooking>(
      html`<visit-booking .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Who are you visiting?');
    check(element, 'Alex Smith');
    await click(element, 'Continue');
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'Video visit');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    const calendar = q(element, 'visit-session-calendar') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    await calendar.updateComplete;
    const day = backend.firstOpenDay();
    const root = calendar.shadowRoot!;
    while (!root.querySelector(`.day[data-date="${day.date}"]`)) {
      root.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
      await calendar.updateComplete;
    }
    root.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!.click();
    await calendar.updateComplete;
    root.querySelector<HTMLInputElement>('input[type="radio"]:not([disabled])')!.click();
    await element.updateComplete;
    await click(element, 'Continue');
    await untilHeading(element, 'Support and contact');

    const before = backend.holds[0]!.expiresAt;
    expect(text(element)).to.contain('Give me 10 more minutes');
    await expect(element).to.be.accessible();
    await click(element, 'Give me 10 more minutes');
    await until(
      element,
      () => !text(element).includes('Give me 10 more minutes'),
      'the offer goes after use',
    );
    expect(Date.parse(backend.holds[0]!.expiresAt) - Date.parse(before)).to.equal(10 * 60_000);
    expect(backend.api.callsTo('POST /holds/{holdId}/extend')).to.have.length(1);
    await until(
      element,
      () => /Done: we are holding this time for you until \d\d:\d\d/.test(text(element)),
      'announced',
    );
    // The notice shows the later end (minutes left now above 10).
    expect(text(element)).to.match(/\((1[1-9]|20) minutes left\)/);
    await expect(element).to.be.accessible();
    expect(() => button(element, 'Give me 10 more minutes')).to.throw();
  });
});
