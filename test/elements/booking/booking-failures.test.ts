import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { VisitErrorEvent } from '../../../src/core/events/visit-error.js';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import { addDays } from '../../../src/core/dates.js';
import '../../../src/elements/booking/visit-booking.js';
import { json, networkFailure, problem, type FakeRequest } from '../../support/fake-api.js';
import { familyBackend, type FamilyBackend, type FamilyBackendOptions } from './family-backend.js';
import {
  activeInShadow,
  check,
  click,
  errorSummaryLinks,
  field,
  fill,
  q,
  text,
  until,
  untilHeading,
} from './helpers.js';

async function mount(backend: FamilyBackend, prisoner?: string): Promise<VisitBooking> {
  const element = await fixture<VisitBooking>(
    html`<visit-booking .client=${backend.client} prisoner=${prisoner ?? ''}></visit-booking>`,
  );
  await element.updateComplete;
  return element;
}

async function chooseTime(element: VisitBooking, backend: FamilyBackend, index = 0): Promise<void> {
  const calendar = q(element, 'visit-session-calendar') as HTMLElement & { updateComplete: Promise<boolean> };
  await calendar.updateComplete;
  const day = backend.firstOpenDay();
  let dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`);
  if (!dayButton) {
    calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
    await calendar.updateComplete;
    dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!;
  }
  dayButton.click();
  await calendar.updateComplete;
  calendar
    .shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="slot"]:not([disabled])')
    [index]!.click();
  await element.updateComplete;
}

/** Signed in, person preset: straight to visitors, then on to the check-answers page. */
async function toCheck(
  options: FamilyBackendOptions = {},
): Promise<{ element: VisitBooking; backend: FamilyBackend }> {
  const backend = familyBackend({ signedIn: true, ...options });
  const element = await mount(backend, 'A1234BC');
  await untilHeading(element, 'Visit type and visitors');
  check(element, 'Video visit');
  await click(element, 'Continue');
  await untilHeading(element, 'Choose a date and time');
  await chooseTime(element, backend);
  await click(element, 'Continue');
  await untilHeading(element, 'Support and contact');
  await click(element, 'Continue');
  await untilHeading(element, 'Check your answers');
  return { element, backend };
}

describe('<visit-booking> failures', () => {
  it('shows a GOV.UK error summary linking to the field, focused, with an inline error tied by aria-describedby', async () => {
    const backend = familyBackend();
    const element = await mount(backend);
    await click(element, 'Continue');
    await element.updateComplete;
    expect(errorSummaryLinks(element)).to.deep.equal(['Enter your email address']);
    expect(activeInShadow(element)?.classList.contains('error-summary'), 'summary focused').to.equal(true);
    const input = field(element, 'Email address');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).to.include('email-error');
    expect(element.shadowRoot!.getElementById('email-error')!.textContent).to.contain(
      'Error: Enter your email address',
    );
    await expect(element).to.be.accessible();
    (element.shadowRoot!.querySelector('.error-summary a') as HTMLAnchorElement).click();
    expect(activeInShadow(element)).to.equal(input);

    fill(element, 'Email address', 'not-an-email');
    await click(element, 'Continue');
    expect(errorSummaryLinks(element)[0]).to.contain('correct format');
    expect(backend.api.callsTo('POST /auth/code')).to.have.length(0);
  });

  it('explains a wrong code and lets the family ask for a new one', async () => {
    const backend = familyBackend();
    const element = await mount(backend);
    fill(element, 'Email address', 'sam@example.org');
    await click(element, 'Continue');
    await untilHeading(element, 'Check your email');
    fill(element, 'Code', '000000');
    const failed = oneEvent(element, 'visit-error') as Promise<VisitErrorEvent>;
    await click(element, 'Continue');
    expect((await failed).code).to.equal('code-invalid');
    await until(element, () => errorSummaryLinks(element).length === 1, 'error summary');
    expect(errorSummaryLinks(element)[0]).to.contain('The code is not right');
    await expect(element).to.be.accessible();
    await click(element, 'Send a new code');
    await until(element, () => backend.api.callsTo('POST /auth/code').length === 2, 'second code');
  });

  it('refuses a person with no visits left, saying from which date', async () => {
    const backend = familyBackend({ signedIn: true, allowance: 0 });
    const element = await mount(backend);
    await untilHeading(element, 'Who are you visiting?');
    check(element, 'Alex Smith');
    await click(element, 'Continue');
    await until(element, () => errorSummaryLinks(element).length > 0, 'no-allowance error');
    const expected = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${addDays(backend.today, 21)}T12:00:00Z`));
    expect(errorSummaryLinks(element)[0]).to.equal(
      `Alex Smith has no visits left for now. You can book a visit from ${expected}.`,
    );
    expect(text(element)).to.contain('Who are you visiting?');
    await expect(element).to.be.accessible();
  });

  it('validates a link request, then shows it pending review', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend);
    await untilHeading(element, 'Who are you visiting?');
    await click(element, 'Add someone you visit');
    await untilHeading(element, 'Add someone you visit');
    fill(element, 'Prison number', '12345');
    fill(element, 'Day', '31');
    fill(element, 'Month', '2');
    fill(element, 'Year', '1990');
    await click(element, 'Send request');
    expect(errorSummaryLinks(element)).to.deep.equal([
      'Choose the prison',
      'Enter a prison number in the correct format, like A1234BC',
      'Enter their first name',
      'Enter their last name',
      'Date of birth must be a real date',
      'Enter your relationship to them',
    ]);
    await expect(element).to.be.accessible();
    expect(field(element, 'Prison number').value, 'answers kept').to.equal('12345');
    (field(element, 'Prison') as unknown as HTMLSelectElement).value = 'GLR';
    fill(element, 'Prison number', 'c1234de');
    fill(element, 'First name', 'Rhys');
    fill(element, 'Last name', 'Jones');
    fill(element, 'Day', '28');
    fill(element, 'Your relationship', 'Son');
    await click(element, 'Send request');
    await untilHeading(element, 'Request sent');
    expect(text(element)).to.contain('We have asked HMP Glanrhyd to link you to Rhys Jones');
    expect(backend.api.callsTo('POST /links')[0]!.body).to.deep.equal({
      prisonCode: 'GLR',
      prisonNumber: 'C1234DE',
      firstName: 'Rhys',
      lastName: 'Jones',
      dateOfBirth: '1990-02-28',
      relationship: 'Son',
    });
    await expect(element).to.be.accessible();
  });

  it('explains visitor rules: at least one adult, and the children limit', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'A1234BC');
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'Video visit');
    check(element, 'Sam Taylor', false);
    check(element, 'Jo Taylor');
    await click(element, 'Continue');
    expect(errorSummaryLinks(element)).to.deep.equal(['At least one visitor must be 18 or over']);
    await expect(element).to.be.accessible();
    (element.shadowRoot!.querySelector('.error-summary a') as HTMLAnchorElement).click();
    expect(activeInShadow(element)?.getAttribute('data-field')).to.equal('visitors');
    check(element, 'Sam Taylor');
    check(element, 'Kim Taylor');
    check(element, 'Chris Taylor');
    await click(element, 'Continue');
    expect(errorSummaryLinks(element)).to.deep.equal(['Select 3 visitors or fewer']);
  });

  it('asks for a time before holding one', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'A1234BC');
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'Video visit');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await click(element, 'Continue');
    expect(errorSummaryLinks(element)).to.deep.equal(['Choose a date and time for your visit']);
    await expect(element).to.be.accessible();
    expect(backend.api.callsTo('POST /holds')).to.have.length(0);
  });

  it('offers the nearest alternatives when the slot was taken meanwhile, and holds the one chosen', async () => {
    const backend = familyBackend({ signedIn: true });
    const element = await mount(backend, 'A1234BC');
    const alternative = backend.days('video').flatMap((day) => day.sessions)[3]!;
    let first = true;
    backend.api.route('POST /holds', (request: FakeRequest) => {
      if (first) {
        first = false;
        return problem(409, 'slot-unavailable', { alternatives: [alternative] });
      }
      const { slotId } = request.body as { slotId: string };
      return json(
        {
          id: 'hold-alt',
          slotId,
          start: alternative.start,
          end: alternative.end,
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        },
        201,
      );
    });
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'Video visit');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await chooseTime(element, backend);
    await click(element, 'Continue');
    await until(element, () => text(element).includes('someone else booked that time'), 'slot taken notice');
    expect(text(element)).to.contain('The nearest times that are still free');
    await expect(element).to.be.accessible();
    const choose = [...element.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Choose '),
    )!;
    choose.click();
    await untilHeading(element, 'Support and contact');
    expect((backend.api.callsTo('POST /holds')[1]!.body as { slotId: string }).slotId).to.equal(
      alternative.id,
    );
  });

  it('when the hold runs out, returns to the date step, says why and keeps the other answers', async () => {
    const backend = familyBackend({ signedIn: true, holdMinutes: 2.5 / 60 });
    const element = await mount(backend, 'A1234BC');
    await untilHeading(element, 'Visit type and visitors');
    check(element, 'Video visit');
    check(element, 'Jo Taylor');
    await click(element, 'Continue');
    await untilHeading(element, 'Choose a date and time');
    await chooseTime(element, backend);
    await click(element, 'Continue');
    await untilHeading(element, 'Support and contact');
    expect(text(element)).to.match(/\(\d seconds? left\)/);
    const expired = oneEvent(element, 'visit-error') as Promise<VisitErrorEvent>;
    await untilHeading(element, 'Choose a date and time', 6000);
    expect((await expired).code).to.equal('hold-expired');
    expect(text(element)).to.contain('the time ran out, so it was released');
    await expect(element).to.be.accessible();
    await click(element, 'Back');
    await untilHeading(element, 'Visit type and visitors');
    expect(field(element, 'Jo Taylor').checked).to.equal(true);
  });

  it('network lost while confirming: "Try again" reuses the idempotency key, so the visit is booked once', async () => {
    const { element, backend } = await toCheck();
    let dropped = false;
    const real = backend.api;
    const original = real.fetch;
    // The backend books the visit, but the answer never reaches the browser.
    backend.api.route('POST /bookings', async (request: FakeRequest) => {
      const replay = await original(
        new Request('https://visits.test/api/v1/__book', {
          method: 'POST',
          headers: request.headers,
          body: JSON.stringify(request.body),
        }),
      );
      if (!dropped) {
        dropped = true;
        throw networkFailure();
      }
      return replay;
    });
    backend.api.route('POST /__book', async (request: FakeRequest) => {
      const key = request.headers.get('idempotency-key')!;
      const seen = keys.get(key);
      if (seen) return json(seen, 201);
      const visit = { ...backend.visits[0], ...sampleVisit(backend), reference: 'NETW0RK2' };
      keys.set(key, visit);
      backend.created++;
      return json(visit, 201);
    });
    const keys = new Map<string, unknown>();

    await click(element, 'Book visit');
    await until(element, () => text(element).includes('We lost the connection'), 'network notice');
    expect(text(element)).to.contain('you will not be booked twice');
    await expect(element).to.be.accessible();
    await click(element, 'Try again');
    await untilHeading(element, 'Visit booked');
    expect(backend.created, 'booked exactly once').to.equal(1);
    const bookingCalls = backend.api.callsTo('POST /bookings');
    expect(bookingCalls).to.have.length(2);
    const [firstKey, secondKey] = bookingCalls.map((call) => call.headers.get('idempotency-key'));
    expect(firstKey).to.be.a('string').and.not.equal('');
    expect(secondKey).to.equal(firstKey);
  });

  it('a fresh confirm attempt after changing an answer uses a new idempotency key', async () => {
    const { element, backend } = await toCheck();
    backend.api.route('POST /bookings', () => problem(503, 'unavailable'));
    await click(element, 'Book visit');
    await until(element, () => text(element).includes('Try again'), 'retry offered');
    await click(element, 'Change Support needs');
    await untilHeading(element, 'Support and contact');
    fill(element, 'Does anyone need support', 'Wheelchair');
    await click(element, 'Continue');
    await untilHeading(element, 'Check your answers');
    await click(element, 'Book visit');
    await until(element, () => backend.api.callsTo('POST /bookings').length === 2, 'second attempt');
    const [first, second] = backend.api
      .callsTo('POST /bookings')
      .map((call) => call.headers.get('idempotency-key'));
    expect(second).to.not.equal(first);
  });

  it('hold expired at confirm time (server says so) sends the family back to choose a time', async () => {
    const { element, backend } = await toCheck();
    backend.api.route('POST /bookings', () => problem(409, 'hold-expired'));
    await click(element, 'Book visit');
    await untilHeading(element, 'Choose a date and time');
    expect(text(element)).to.contain('the time ran out');
  });

  it('no allowance left at confirm time says from which date', async () => {
    const { element, backend } = await toCheck();
    backend.api.route('POST /bookings', () => problem(422, 'no-allowance', { nextAllocation: '2031-02-03' }));
    await click(element, 'Book visit');
    await until(element, () => text(element).includes('no visits left'), 'no allowance notice');
    expect(text(element)).to.contain('You can book a visit from Monday, 3 February 2031.');
    await expect(element).to.be.accessible();
  });

  it('link pending at confirm time is explained', async () => {
    const { element, backend } = await toCheck();
    backend.api.route('POST /bookings', () => problem(403, 'link-pending'));
    await click(element, 'Book visit');
    await until(element, () => text(element).includes('has not approved your link'), 'link pending notice');
  });

  it('signed out by the backend mid-journey: back to sign-in, saying so', async () => {
    const { element, backend } = await toCheck();
    backend.api.route('POST /bookings', () => problem(401, 'unauthenticated'));
    await click(element, 'Book visit');
    await untilHeading(element, 'Sign in to book a visit');
    expect(text(element)).to.contain('You need to sign in first.');
    expect(text(element)).to.contain('Step 1 of 5');
  });

  it('a failed load explains itself and can be retried', async () => {
    const backend = familyBackend({ signedIn: true });
    let fail = true;
    backend.api.route('GET /links', () => {
      if (fail) {
        fail = false;
        return problem(500, 'internal', { detail: 'Database unavailable' });
      }
      return [];
    });
    const element = await mount(backend);
    await until(element, () => text(element).includes('Database unavailable'), 'load error');
    await expect(element).to.be.accessible();
    await click(element, 'Try again');
    await until(element, () => text(element).includes('not linked to anyone'), 'empty state');
  });
});

function sampleVisit(backend: FamilyBackend) {
  const slot = backend.firstOpenDay().sessions[0]!;
  return {
    id: 'visit-net',
    reference: 'NETW0RK2',
    type: 'video',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start: slot.start,
    end: slot.end,
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: 'Europe/London' },
    prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Smith' },
    visitors: [],
    contact: {},
  };
}
