// Forced colours (Windows high contrast): the browser replaces every colour with the user's few system colours,
// so anything shown by colour alone disappears. These checks run with forced colours really on in Chromium
// and ask what a person would miss: buttons that keep an outline, a visible focus ring, the chosen day marked
// by more than colour, and the error summary's box.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import type { VisitSessionCalendar } from '../../../src/elements/session-calendar/session-calendar.js';
import '../../../src/elements/booking/visit-booking.js';
import '../../../src/elements/session-calendar/visit-session-calendar.js';
import { familyBackend, TZ } from '../booking/family-backend.js';
import { button, click, q, untilHeading } from '../booking/helpers.js';

const visible = (color: string) => color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color);

describe('forced colours (high contrast)', () => {
  before(async () => {
    await executeServerCommand('forced-colors', { active: true });
    expect(matchMedia('(forced-colors: active)').matches, 'forced colours are on').to.equal(true);
  });
  after(async () => {
    await executeServerCommand('forced-colors', { active: false });
  });

  it('<visit-booking>: buttons keep their outline, focus shows a ring, errors keep their box', async () => {
    const backend = familyBackend();
    const element = await fixture<VisitBooking>(
      html`<visit-booking .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Sign in to book a visit');
    const continueButton = button(element, 'Continue');
    const style = getComputedStyle(continueButton);
    expect(parseFloat(style.borderTopWidth), 'button border').to.be.greaterThan(0);
    expect(visible(style.borderTopColor), `button border colour ${style.borderTopColor}`).to.equal(true);

    const email = q<HTMLInputElement>(element, '#email');
    email.focus();
    await sendKeys({ press: 'Tab' });
    const focused = element.shadowRoot!.activeElement as HTMLElement;
    expect(focused).to.equal(continueButton);
    const ring = getComputedStyle(focused);
    expect(ring.outlineStyle, 'focus ring').to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);

    await click(element, 'Continue');
    const summary = q(element, '.error-summary');
    const box = getComputedStyle(summary);
    expect(parseFloat(box.borderTopWidth), 'error summary border').to.be.greaterThan(0);
    expect(visible(box.borderTopColor)).to.equal(true);
  });

  it('<visit-session-calendar>: the chosen day is marked by an outline, not by colour alone', async () => {
    const backend = familyBackend();
    const calendar = await fixture<VisitSessionCalendar>(
      html`<visit-session-calendar
        .availability=${{ timezone: TZ, days: backend.days('video') }}
        .window=${{ minNoticeDays: 1, maxNoticeDays: 28 }}
      ></visit-session-calendar>`,
    );
    const day = calendar.shadowRoot!.querySelector<HTMLButtonElement>(
      `.day[data-date="${backend.firstOpenDay().date}"]`,
    )!;
    const before = getComputedStyle(day).outlineStyle;
    day.click();
    await calendar.updateComplete;
    const chosen = calendar.shadowRoot!.querySelector<HTMLButtonElement>('.day[aria-pressed="true"]')!;
    expect(chosen.dataset.date).to.equal(day.dataset.date);
    chosen.blur();
    const style = getComputedStyle(chosen);
    expect(before, 'not outlined before it is chosen').to.equal('none');
    expect(style.outlineStyle, 'chosen day outline').to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});
