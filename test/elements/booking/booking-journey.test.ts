import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { VisitBookedEvent } from '../../../src/core/events/visit-booked.js';
import type { VisitStepChangeEvent } from '../../../src/core/events/visit-step-change.js';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import '../../../src/elements/booking/visit-booking.js';
import { familyBackend, type FamilyBackend } from './family-backend.js';
import {
  activeInShadow,
  button,
  check,
  click,
  expectFocusOnHeading,
  field,
  fill,
  heading,
  q,
  text,
  until,
  untilHeading,
} from './helpers.js';

async function mount(backend: FamilyBackend, attributes = ''): Promise<VisitBooking> {
  const element = await fixture<VisitBooking>(
    html`<visit-booking .client=${backend.client}></visit-booking>`,
  );
  for (const pair of attributes.split(' ').filter(Boolean)) {
    const [name, value] = pair.split('=') as [string, string];
    element.setAttribute(name, value);
  }
  await element.updateComplete;
  return element;
}

/** Chooses the first day with free times and its first time, by clicking as a person would. */
async function chooseFirstTime(element: VisitBooking, backend: FamilyBackend): Promise<void> {
  const calendar = q(element, 'visit-session-calendar') as HTMLElement & { updateComplete: Promise<boolean> };
  await calendar.updateComplete;
  const day = backend.firstOpenDay();
  // Move the grid to the right month when the first free day is next month.
  let dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`);
  if (!dayButton) {
    calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
    await calendar.updateComplete;
    dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!;
  }
  dayButton.click();
  await calendar.updateComplete;
  calendar.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"]:not([disabled])')!.click();
  await element.updateComplete;
}

describe('<visit-booking> journey', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('books a visit from sign-in to confirmation, with "Step N of 6", axe clean on every screen', async () => {
    const backend = familyBackend();
    const steps: string[] = [];
    const element = await fixture<VisitBooking>(
      html`<visit-booking
        .client=${backend.client}
        @visit-step-change=${(event: VisitStepChangeEvent) => steps.push(`${event.view} ${event.index}/${event.total}`)}
      ></visit-booking>`,
    );

    expect(heading(element)).to.equal('Sign in to book a visit');
    expect(text(element)).to.contain('Step 1 of 6');
    await expect(element).to.be.accessible();
    fill(element, 'Email address', 'sam@example.org');
    await click(element, 'Continue');

    await untilHeading(element, 'Check your email');
    await expectFocusOnHeading(element);
    expect(text(element)).to.contain('sam@example.org');
    await expect(element).to.be.accessible();
    fill(element, 'Code', '123456');
    await click(element, 'Continue');

    await untilHeading(element, 'Who are you visiting?');
    expect(text(element)).to.contain('Step 2 of 6');
    expect(text(element), 'a pending link is explained').to.contain('Waiting for the prison to approve');
    expect(backend.client.session?.token).to.equal('token-sam');
    await expect(element).to.be.accessible();
    check(element, 'Alex Smith');
    await click(element, 'Continue');

    await untilHeading(element, 'Visit type and visitors');
    expect(text(element)).to.contain('Step 3 of 6');
    expect(text(element), 'limits explained before choosing').to.contain(
      'at least one visitor must be 18 or over',
    );
    expect(field(element, 'Sam Taylor').checked, 'the lead visitor is preselected').to.equal(true);
    expect(field(element, 'Max Evans').disabled, 'unapproved visitor cannot be chosen').to.equal(true);
    await expect(element).to.be.accessible();
    check(element, 'Video visit');
    check(element, 'Jo Taylor');
    await click(element, 'Continue');

    await untilHeading(element, 'Choose a date and time');
    expect(text(element)).to.contain('Step 4 of 6');
    await expect(element).to.be.accessible();
    await chooseFirstTime(element, backend);
    await click(element, 'Continue');

    await untilHeading(element, 'Support and contact');
    expect(text(element)).to.contain('Step 5 of 6');
    expect(text(element), 'hold countdown shown').to.match(
      /We are holding .* for you until \d\d:\d\d \((9|10) minutes left\)/,
    );
    expect(field(element, 'Email address').value, 'contact email from sign-in').to.equal('sam@example.org');
    await expect(element).to.be.accessible();
    fill(element, 'Does anyone need support', 'Step-free access');
    await click(element, 'Continue');

    await untilHeading(element, 'Check your answers before booking');
    expect(text(element)).to.contain('Step 6 of 6');
    expect(text(element)).to.contain('Alex Smith (A1234BC), HMP Northmoor');
    expect(text(element)).to.contain('Jo Taylor');
    expect(text(element)).to.contain('Step-free access');
    await expect(element).to.be.accessible();

    const booked = oneEvent(element, 'visit-booked') as Promise<VisitBookedEvent>;
    await click(element, 'Book visit');
    const event = await booked;
    expect(event.reference).to.equal('BK7Q2MXA');
    expect(event.visitType).to.equal('video');
    expect(Object.keys(event)).to.not.include('visitors');
    expect(event.composed && event.bubbles).to.equal(true);

    await untilHeading(element, 'Visit booked');
    expect(text(element)).to.contain('BK7Q2MXA');
    expect(text(element)).to.not.contain('Step ');
    expect(text(element)).to.contain('you can join from 15 minutes before');
    await expect(element).to.be.accessible();
    expect(backend.created).to.equal(1);
    const sent = backend.api.callsTo('POST /bookings')[0]!;
    expect(sent.body).to.deep.include({ visitorIds: ['v-sam', 'v-jo'], supportNeeds: 'Step-free access' });
    expect(sent.body).to.have.nested.property('contact.email', 'sam@example.org');
    expect(steps).to.deep.equal([
      'sign-in 1/6',
      'code 1/6',
      'prisoner 2/6',
      'visitors 3/6',
      'slot 4/6',
      'details 5/6',
      'check 6/6',
      'confirmation 0/0',
    ]);
  });

  it('downloads the visit as an .ics file from the confirmation', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'prisoner=A1234BC visit-type=video');
    await untilHeading(element, 'Visit type and visitors');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await chooseFirstTime(element, backend);
    await click(element, 'Continue');
    await untilHeading(element, 'Support and contact');
    await click(element, 'Continue');
    await untilHeading(element, 'Check your answers');
    await click(element, 'Book visit');
    await untilHeading(element, 'Visit booked');

    const downloads: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this);
    };
    try {
      await click(element, 'Add to calendar');
      await untilHeading(element, 'Visit booked');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(downloads).to.have.length(1);
    expect(downloads[0]!.download).to.equal('visit-BK7Q2MXA.ics');
    const body = await (await fetch(downloads[0]!.href)).text();
    expect(body).to.contain('BEGIN:VCALENDAR');
    expect(backend.api.callsTo('GET /visits/{visitId}/calendar.ics')).to.have.length(1);
  });

  it('with a portal session and presets skips sign-in and the person step: "Step 1 of 4"', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'prisoner=A1234BC visit-type=in-person');
    await untilHeading(element, 'Visit type and visitors');
    expect(text(element)).to.contain('Step 1 of 4');
    expect(text(element), 'type fixed by the integrator').to.contain('Visit type: In-person visit');
    expect(shadow(element).querySelector('input[name="type"]')).to.equal(null);
    expect(text(element)).to.not.contain('Back');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    expect(backend.api.callsTo('GET /prisoners/{prisonerId}/availability')[0]!.query.get('type')).to.equal(
      'in-person',
    );
  });

  it('loads the forms for asking the prison to add someone only when they are opened', async () => {
    // No earlier test in this file opens them (the module, once fetched, stays loaded for the page).
    const fetched = () =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/booking-request-steps.')).length;
    expect(fetched(), 'not fetched by the earlier tests').to.equal(0);
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'prisoner=A1234BC visit-type=in-person');
    await untilHeading(element, 'Visit type and visitors');
    const details = q<HTMLDetailsElement>(element, '[part="add-visitor"]');
    expect(details.querySelector('summary')!.textContent).to.contain('Add someone who will visit');
    expect(fetched(), 'not fetched for a visitors step that never opens it').to.equal(0);
    expect(details.querySelector('form'), 'no form before it is opened').to.equal(null);
    details.querySelector('summary')!.click();
    await element.updateComplete;
    expect(details.open).to.equal(true);
    expect(details.querySelector('form'), 'the form once opened').to.not.equal(null);
    expect(details.querySelector('.spinner'), 'no loading left').to.equal(null);
    expect(fetched(), 'fetched once opened').to.equal(1);
    await expect(element).to.be.accessible();
  });

  it('adds someone who will visit: checked first, sent, then listed as waiting for approval; ticks kept', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'prisoner=A1234BC visit-type=in-person');
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'Jo Taylor');
    const details = q<HTMLDetailsElement>(element, '[part="add-visitor"]');
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.click();
    await element.updateComplete;
    expect(details.open).to.equal(true);
    expect(text(element)).to.contain('The prison checks everyone who visits');

    await click(element, 'Ask to add them');
    expect(text(element)).to.contain('Enter their first name');
    expect(text(element)).to.contain('Enter their date of birth');
    expect(text(element)).to.contain('Enter their relationship to the person in prison');
    expect(details.open, 'open while it has errors').to.equal(true);
    expect(backend.api.callsTo('POST /links/{linkId}/visitors')).to.have.length(0);
    await expect(element).to.be.accessible();

    fill(element, 'First name', 'Robin');
    fill(element, 'Last name', 'Taylor');
    fill(element, 'Day', '31');
    fill(element, 'Month', '2');
    fill(element, 'Year', '2015');
    fill(element, 'Their relationship to the person in prison', 'son');
    await click(element, 'Ask to add them');
    expect(text(element)).to.contain('Date of birth must be a real date');
    fill(element, 'Day', '4');
    fill(element, 'Month', '6');
    await click(element, 'Ask to add them');
    await until(element, () => text(element).includes('Robin Taylor'), 'the new visitor is listed');
    expect(backend.api.callsTo('POST /links/{linkId}/visitors')[0]!.body).to.deep.equal({
      firstName: 'Robin',
      lastName: 'Taylor',
      dateOfBirth: '2015-06-04',
      relationship: 'son',
    });
    const robin = field(element, 'Robin Taylor');
    expect(robin.disabled, 'cannot be chosen before approval').to.equal(true);
    expect(q(element, `#${robin.id}-hint`).textContent).to.contain(
      'Waiting for the prison to approve this visitor',
    );
    expect(field(element, 'Jo Taylor').checked, 'what was ticked is kept').to.equal(true);
    expect(details.open).to.equal(false);
    expect(activeInShadow(element)?.tagName).to.equal('SUMMARY');
    expect(text(element)).to.not.contain('Enter their first name');
    await expect(element).to.be.accessible();
  });

  it('shows the "Requested" confirmation when the prison must review the visit', async () => {
    const backend = familyBackend({ signedIn: true, bookingStatus: 'requested' });
    const element = await mount(backend, 'prisoner=A1234BC visit-type=video');
    await untilHeading(element, 'Visit type and visitors');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await chooseFirstTime(element, backend);
    await click(element, 'Continue');
    await untilHeading(element, 'Support and contact');
    await click(element, 'Continue');
    await untilHeading(element, 'Check your answers');
    await click(element, 'Book visit');
    await untilHeading(element, 'Visit requested');
    expect(text(element)).to.contain('Do not travel until it is confirmed');
    expect(q(element, '[part="confirmation"]').dataset.status).to.equal('requested');
    await expect(element).to.be.accessible();
  });

  it('goes back keeping answers, and Change on check answers returns to check answers', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend);
    await untilHeading(element, 'Who are you visiting?');
    check(element, 'Alex Smith');
    await click(element, 'Continue');
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'In-person visit');
    check(element, 'Chris Taylor');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await click(element, 'Back');
    await untilHeading(element, 'Visit type and visitors');
    await expectFocusOnHeading(element);
    expect(field(element, 'In-person visit').checked).to.equal(true);
    expect(field(element, 'Chris Taylor').checked).to.equal(true);
    await click(element, 'Back');
    await untilHeading(element, 'Who are you visiting?');
    expect(field(element, 'Alex Smith').checked).to.equal(true);
    await click(element, 'Continue');
    await untilHeading(element, 'Visit type and visitors');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await chooseFirstTime(element, backend);
    await click(element, 'Continue');
    await untilHeading(element, 'Support and contact');
    fill(element, 'Does anyone need support', 'Hearing loop');
    await click(element, 'Continue');
    await untilHeading(element, 'Check your answers');
    await click(element, 'Change Support needs');
    await untilHeading(element, 'Support and contact');
    expect(field<HTMLTextAreaElement>(element, 'Does anyone need support').value).to.equal('Hearing loop');
    fill(element, 'Does anyone need support', 'BSL interpreter');
    await click(element, 'Continue');
    await untilHeading(element, 'Check your answers');
    expect(text(element)).to.contain('BSL interpreter');
    expect(text(element)).to.contain('Chris Taylor');
    expect(backend.api.callsTo('POST /holds'), 'the held time was kept').to.have.length(1);
  });

  it('fits 320 px without horizontal scrolling on the calendar and check answers', async () => {
    await setViewport({ width: 320, height: 640 });
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'prisoner=A1234BC visit-type=video');
    await untilHeading(element, 'Visit type and visitors');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await chooseFirstTime(element, backend);
    expect(document.documentElement.scrollWidth, 'calendar').to.be.at.most(320);
    await click(element, 'Continue');
    await untilHeading(element, 'Support and contact');
    expect(document.documentElement.scrollWidth, 'details').to.be.at.most(320);
    await click(element, 'Continue');
    await untilHeading(element, 'Check your answers');
    expect(document.documentElement.scrollWidth, 'check answers').to.be.at.most(320);
  });

  it('says it needs an api-base when it has no backend', async () => {
    const element = await fixture<VisitBooking>(html`<visit-booking></visit-booking>`);
    expect(text(element)).to.contain('needs an API address');
    await expect(element).to.be.accessible();
  });

  it('keeps focus on the page when it first renders', async () => {
    const backend = familyBackend();
    const outside = await fixture<HTMLButtonElement>(html`<button>Host page button</button>`);
    outside.focus();
    const element = await mount(backend);
    expect(activeInShadow(element)).to.equal(null);
    expect(document.activeElement).to.equal(outside);
    expect(button(element, 'Continue').disabled).to.equal(false);
  });
});

function shadow(element: VisitBooking): ShadowRoot {
  return element.shadowRoot!;
}
