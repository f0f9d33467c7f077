// What a screen reader hears in the booking journey, read from Chromium's accessibility tree (a11ySnapshot),
// not from the DOM: the error summary's role and name, "Step N of M" in the focused heading, hints heard once,
// days outside the booking window explained, heading levels, the validation event, and forced colours keeping
// the chosen day and keyboard focus apart. Each check fails on the code before issue #13's fixes.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  a11ySnapshot,
  executeServerCommand,
  findAccessibilityNode,
  sendKeys,
} from '@web/test-runner-commands';
import type { VisitValidationErrorEvent } from '../../../src/core/events/visit-validation-error.js';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import type { VisitSessionCalendar } from '../../../src/elements/session-calendar/session-calendar.js';
import '../../../src/elements/booking/visit-booking.js';
import '../../../src/elements/session-calendar/visit-session-calendar.js';
import { familyBackend, TZ } from '../booking/family-backend.js';
import { activeInShadow, check, click, q, untilHeading } from '../booking/helpers.js';

interface AxNode {
  role: string;
  name: string;
  description?: string;
  level?: number;
  children?: AxNode[];
}

async function axFind(test: (node: AxNode) => boolean): Promise<AxNode | null> {
  const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
  return findAccessibilityNode(snapshot as never, test as never) as AxNode | null;
}

async function axAll(test: (node: AxNode) => boolean): Promise<AxNode[]> {
  const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
  const found: AxNode[] = [];
  const walk = (node: AxNode) => {
    if (test(node)) found.push(node);
    node.children?.forEach(walk);
  };
  walk(snapshot);
  return found;
}

describe('booking: what assistive technology gets (#13)', () => {
  it('the error summary is an alert named by its heading, focused, listing links to the fields', async () => {
    const backend = familyBackend();
    const element = await fixture<VisitBooking>(
      html`<visit-booking .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Sign in to book a visit');
    await click(element, 'Continue');
    await element.updateComplete;
    const summary = q(element, '.error-summary');
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(activeInShadow(element)).to.equal(summary);
    const alert = await axFind((node) => node.role === 'alert');
    expect(alert, 'an alert in the accessibility tree').to.not.equal(null);
    expect(alert!.name).to.equal('There is a problem');
    const link = await axFind((node) => node.role === 'link' && /email address/i.test(node.name));
    expect(link, 'a link to the field').to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('"Step N of M" is part of the heading focus lands on', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await fixture<VisitBooking>(
      html`<visit-booking .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Who are you visiting?');
    const heading = await axFind((node) => node.role === 'heading' && /Who are you visiting/.test(node.name));
    expect(heading!.name).to.equal('Step 1 of 5 Who are you visiting?');
    expect(heading!.level).to.equal(2);
    await expect(element).to.be.accessible();
  });

  it("a visitor's hint is their description, not also part of their name", async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await fixture<VisitBooking>(
      html`<visit-booking .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Who are you visiting?');
    check(element, 'Alex Smith');
    await click(element, 'Continue');
    await untilHeading(element, 'Visit type and visitors');
    const boxes = await axAll((node) => node.role === 'checkbox');
    const sam = boxes.find((node) => node.name.startsWith('Sam Taylor'));
    expect(sam, boxes.map((node) => node.name).join(' | ')).to.not.equal(undefined);
    expect(sam!.name).to.not.match(/\d+ years old|aged|age/i);
    expect(sam!.description ?? '', 'the hint is still said, once').to.match(/\d/);
    await expect(element).to.be.accessible();
  });

  it('heading-level="3" makes every screen heading an h3 and its sub-headings h4', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await fixture<VisitBooking>(
      html`<visit-booking heading-level="3" .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Who are you visiting?').catch(() => undefined);
    await element.updateComplete;
    const heading = q(element, '[data-heading]');
    expect(heading.localName).to.equal('h3');
    expect(heading.textContent).to.contain('Who are you visiting?');
    expect(q(element, '.notice[part~="pending"] .subheading').localName).to.equal('h4');
    await click(element, 'Continue');
    expect(q(element, '#error-summary-title').localName).to.equal('h3');
    await expect(element).to.be.accessible();
  });

  it('fires visit-validation-error with the fields, only when the answers do not pass', async () => {
    const backend = familyBackend();
    const element = await fixture<VisitBooking>(
      html`<visit-booking .client=${backend.client}></visit-booking>`,
    );
    await untilHeading(element, 'Sign in to book a visit');
    const events: VisitValidationErrorEvent[] = [];
    element.addEventListener('visit-validation-error', (event) => events.push(event));
    const fired = oneEvent(element, 'visit-validation-error') as Promise<VisitValidationErrorEvent>;
    await click(element, 'Continue');
    const event = await fired;
    expect(event.fields).to.deep.equal(['email']);
    expect(event.count).to.equal(1);
    expect(event.bubbles && event.composed).to.equal(true);
    q<HTMLInputElement>(element, '#email').value = 'sam@example.org';
    await click(element, 'Continue');
    await untilHeading(element, 'Check your email');
    expect(events, 'no event for valid answers').to.have.length(1);
  });
});

describe('session calendar: days outside the booking window (#13)', () => {
  it('explains them by name instead of bare numbers, and says how far ahead one can book', async () => {
    const backend = familyBackend();
    const calendar = await fixture<VisitSessionCalendar>(
      html`<visit-session-calendar
        .availability=${{ timezone: TZ, days: backend.days('video') }}
        .window=${{ minNoticeDays: 1, maxNoticeDays: 28 }}
      ></visit-session-calendar>`,
    );
    await calendar.updateComplete;
    const outside = await axAll((node) => /outside the booking window/.test(node.name));
    expect(outside.length, 'days before or after the window, and today').to.be.greaterThan(0);
    const bare = await axAll((node) => /^\d{1,2}$/.test(node.name.trim()));
    expect(
      bare.map((node) => node.name),
      'no bare day numbers',
    ).to.deep.equal([]);
    expect(calendar.shadowRoot!.querySelector('#calendar-hint')!.textContent).to.contain(
      'You can book visits 1 to 28 days ahead.',
    );
    await expect(calendar).to.be.accessible();
  });
});

describe('forced colours: the chosen day and keyboard focus look different (#13)', () => {
  before(async () => {
    await executeServerCommand('forced-colors', { active: true });
  });
  after(async () => {
    await executeServerCommand('forced-colors', { active: false });
  });

  it('fills the chosen day and rings the focused one another way', async () => {
    const backend = familyBackend();
    const calendar = await fixture<VisitSessionCalendar>(
      html`<visit-session-calendar
        .availability=${{ timezone: TZ, days: backend.days('video') }}
        .window=${{ minNoticeDays: 1, maxNoticeDays: 28 }}
      ></visit-session-calendar>`,
    );
    const root = calendar.shadowRoot!;
    root.querySelector<HTMLButtonElement>(`.day[data-date="${backend.firstOpenDay().date}"]`)!.click();
    await calendar.updateComplete;
    const chosen = root.querySelector<HTMLButtonElement>('.day[aria-pressed="true"]')!;
    chosen.focus();
    await sendKeys({ press: 'ArrowRight' });
    await calendar.updateComplete;
    const focused = root.activeElement as HTMLButtonElement;
    expect(focused).to.not.equal(chosen);
    expect(focused.getAttribute('aria-pressed')).to.equal('false');
    const chosenStyle = getComputedStyle(chosen);
    const focusStyle = getComputedStyle(focused);
    const look = (style: CSSStyleDeclaration) =>
      `${style.outlineStyle} ${style.outlineWidth} ${style.outlineOffset} ${style.backgroundColor}`;
    expect(look(chosenStyle), 'chosen and focused differ').to.not.equal(look(focusStyle));
    expect(chosenStyle.backgroundColor, 'the chosen day is filled').to.not.equal(focusStyle.backgroundColor);
    expect(focusStyle.outlineStyle, 'focus is a double ring').to.equal('double');
  });
});
