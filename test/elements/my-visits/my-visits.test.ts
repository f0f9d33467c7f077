import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { VisitJoinRequestedEvent } from '../../../src/core/events/visit-join-requested.js';
import type { VisitRequestCancelEvent } from '../../../src/core/events/visit-request-cancel.js';
import type { Visit } from '../../../src/api/family.js';
import type { VisitMyVisits } from '../../../src/elements/my-visits/my-visits.js';
import '../../../src/elements/my-visits/visit-my-visits.js';
import { problem } from '../../support/fake-api.js';
import { familyBackend, TZ, type FamilyBackend } from '../booking/family-backend.js';
import { activeInShadow, button, check, click, fill, q, text, until } from '../booking/helpers.js';

function visit(overrides: Partial<Visit>): Visit {
  const start = new Date(Date.now() + 3 * 86400_000).toISOString();
  return {
    id: 'v1',
    reference: 'BK7Q2MXA',
    type: 'in-person',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start,
    end: new Date(Date.parse(start) + 3600_000).toISOString(),
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
    prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Smith' },
    visitors: [
      { id: 'v-sam', firstName: 'Sam', lastName: 'Taylor', dateOfBirth: '1988-01-01', age: 38, lead: true },
    ],
    contact: { email: 'sam@example.org' },
    ...overrides,
  };
}

function seeded(): FamilyBackend {
  const backend = familyBackend({ signedIn: true });
  const now = Date.now();
  backend.visits.push(
    visit({ id: 'v-in', reference: 'INP3RSN2' }),
    visit({
      id: 'v-video',
      reference: 'V1DE0NWX',
      type: 'video',
      start: new Date(now + 10 * 60_000).toISOString(),
      end: new Date(now + 40 * 60_000).toISOString(),
      call: {
        opensAt: new Date(now - 5 * 60_000).toISOString(),
        endsAt: new Date(now + 40 * 60_000).toISOString(),
      },
    }),
    visit({
      id: 'v-later',
      reference: 'LATERVID',
      type: 'video',
      status: 'requested',
      subStatus: 'REQUESTED',
      start: new Date(now + 5 * 86400_000).toISOString(),
      end: new Date(now + 5 * 86400_000 + 1800_000).toISOString(),
      call: {
        opensAt: new Date(now + 5 * 86400_000 - 900_000).toISOString(),
        endsAt: new Date(now + 5 * 86400_000 + 1800_000).toISOString(),
      },
    }),
    visit({
      id: 'v-past',
      reference: 'PASTV1S1',
      status: 'completed',
      start: new Date(now - 7 * 86400_000).toISOString(),
      end: new Date(now - 7 * 86400_000 + 3600_000).toISOString(),
    }),
    visit({
      id: 'v-gone',
      reference: 'CANC3LLD',
      status: 'cancelled',
      cancellation: { reason: 'prisoner-cancelled', note: 'Court date', at: new Date().toISOString() },
    }),
  );
  return backend;
}

async function mount(backend: FamilyBackend, joinUrl?: string): Promise<VisitMyVisits> {
  const element = await fixture<VisitMyVisits>(
    html`<visit-my-visits .client=${backend.client} join-url=${joinUrl ?? ''}></visit-my-visits>`,
  );
  await until(element, () => !element.shadowRoot!.querySelector('.spinner'), 'list loaded');
  return element;
}

describe('<visit-my-visits>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('lists upcoming visits with date, time, type, visitors and status; axe clean', async () => {
    const element = await mount(seeded());
    const cards = element.shadowRoot!.querySelectorAll('[part="visit"]');
    expect(cards).to.have.length(3);
    expect(text(element)).to.contain('INP3RSN2');
    expect(text(element)).to.contain('In-person visit');
    expect(text(element)).to.contain('Sam Taylor');
    expect(text(element)).to.contain('Alex Smith, HMP Northmoor');
    expect(text(element)).to.contain('Waiting for the prison to confirm');
    expect(text(element)).to.not.contain('PASTV1S1');
    await expect(element).to.be.accessible();
  });

  it('switches between upcoming, past and cancelled with the keyboard (tabs)', async () => {
    const backend = seeded();
    const element = await mount(backend);
    q(element, '#tab-upcoming').focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(element, () => text(element).includes('PASTV1S1'), 'past list');
    expect(activeInShadow(element)?.id).to.equal('tab-past');
    expect(text(element)).to.contain('Completed');
    expect(text(element), 'no actions on past visits').to.not.contain('Cancel visit');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'ArrowRight' });
    await until(element, () => text(element).includes('CANC3LLD'), 'cancelled list');
    expect(text(element)).to.contain('The person I visit asked to cancel: Court date');
    await expect(element).to.be.accessible();
    expect(backend.api.callsTo('GET /visits').map((call) => call.query.get('scope'))).to.deep.equal([
      'upcoming',
      'past',
      'cancelled',
    ]);
  });

  it('shows empty and loading states', async () => {
    const backend = familyBackend({ signedIn: true, latency: 200 });
    const element = await fixture<VisitMyVisits>(
      html`<visit-my-visits .client=${backend.client}></visit-my-visits>`,
    );
    await element.updateComplete;
    expect(text(element)).to.contain('Loading');
    await expect(element).to.be.accessible();
    await until(element, () => text(element).includes('You have no upcoming visits.'), 'empty state');
    await expect(element).to.be.accessible();
  });

  it('explains a failed load and retries', async () => {
    const backend = seeded();
    let fail = true;
    const original = backend.api.fetch;
    backend.api.route('GET /visits', () => {
      if (fail) {
        fail = false;
        return problem(500, 'internal', { detail: 'Service down' });
      }
      return backend.visits.filter((item) => item.status === 'booked');
    });
    void original;
    const element = await mount(backend);
    expect(text(element)).to.contain('Service down');
    await expect(element).to.be.accessible();
    await click(element, 'Try again');
    await until(element, () => text(element).includes('INP3RSN2'), 'list after retry');
  });

  it('"Download my data" fetches the subject-access page and says so; a failure is explained', async () => {
    const backend = seeded();
    const element = await mount(backend);
    const clicked: string[] = [];
    const realClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download); // a real click would open the browser's save prompt
    };
    try {
      await click(element, 'Download my data');
      await until(element, () => text(element).includes('Your data has been downloaded.'), 'done notice');
      expect(clicked).to.deep.equal(['my-data.html']);
      const calls = backend.api.callsTo('GET /family/me/export');
      expect(calls.map((call) => call.query.get('format'))).to.deep.equal(['html']);
      await expect(element).to.be.accessible();
      backend.api.route('GET /family/me/export', () => problem(500, 'internal'));
      await click(element, 'Download my data');
      await until(element, () => text(element).includes('Your data could not be downloaded.'), 'failure');
      expect(clicked).to.have.length(1);
    } finally {
      HTMLAnchorElement.prototype.click = realClick;
    }
  });

  it('"Ask us to delete my data": a confirmation says what goes and what stays; the request shows as pending', async () => {
    const backend = seeded();
    const element = await mount(backend);
    await until(element, () => backend.api.callsTo('GET /family/me/erasure').length === 1, 'status read');
    await click(element, 'Ask us to delete my data');
    await until(element, () => Boolean(element.shadowRoot!.querySelector('#erasure-dialog')), 'dialog');
    const dialog = q<HTMLDialogElement>(element, '#erasure-dialog');
    expect(dialog.open && dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(dialog.textContent).to.contain('legal hold');
    expect(activeInShadow(element)?.textContent?.trim()).to.equal('Yes, ask for deletion');
    await expect(element).to.be.accessible();
    // "No" asks nothing and puts focus back on the button
    await click(element, 'No, keep my data');
    await until(element, () => !element.shadowRoot!.querySelector('#erasure-dialog'), 'closed');
    await until(element, () => activeInShadow(element)?.getAttribute('part') === 'erasure', 'focus back');
    expect(backend.api.callsTo('POST /family/me/erasure')).to.have.length(0);
    await click(element, 'Ask us to delete my data');
    await click(element, 'Yes, ask for deletion');
    await until(element, () => text(element).includes('We have your request.'), 'asked notice');
    expect(backend.api.callsTo('POST /family/me/erasure')).to.have.length(1);
    expect(text(element)).to.contain('The prison is deciding.');
    expect(() => button(element, 'Ask us to delete my data'), 'no second request').to.throw();
    await expect(element).to.be.accessible();
  });

  it("shows a refused erasure with the prison's reason", async () => {
    const backend = seeded();
    backend.erasure = {
      id: 'er-1',
      status: 'refused',
      reason: 'A visit is booked for next week: cancel it first.',
      requestedAt: '2026-11-20T10:00:00.000Z',
      decidedAt: '2026-11-21T10:00:00.000Z',
      kept: [],
    };
    const element = await mount(backend);
    await until(element, () => text(element).includes('cancel it first'), 'refusal shown');
    expect(q(element, '[data-erasure="refused"]').textContent).to.contain('The prison refused on');
    expect(button(element, 'Ask us to delete my data').disabled, 'may ask again').to.equal(false);
  });

  it('asks the family to sign in when there is no session', async () => {
    const backend = familyBackend();
    const element = await fixture<VisitMyVisits>(
      html`<visit-my-visits .client=${backend.client}></visit-my-visits>`,
    );
    expect(text(element)).to.contain('Sign in to see your visits.');
    expect(backend.api.calls).to.have.length(0);
  });

  it('offers Join only for a video visit inside its window; fires visit-join-requested with the id', async () => {
    const element = await mount(seeded());
    const joins = element.shadowRoot!.querySelectorAll('[part="join"]');
    expect(joins).to.have.length(1);
    expect(q(element, '#visit-v-video').textContent).to.contain('Join video visit');
    expect(q(element, '#visit-v-later').textContent).to.not.contain('Join video visit');
    const requested = oneEvent(element, 'visit-join-requested') as Promise<VisitJoinRequestedEvent>;
    element.addEventListener('visit-join-requested', (event) => event.preventDefault(), { once: true });
    (joins[0] as HTMLButtonElement).click();
    const event = await requested;
    expect(event.visitId).to.equal('v-video');
    expect(event.composed && event.bubbles && event.cancelable).to.equal(true);
  });

  it('cancels a visit from a native dialog with a reason; focus returns to the list', async () => {
    const backend = seeded();
    const element = await mount(backend);
    const cancelButton = q<HTMLButtonElement>(element, '#cancel-v-in');
    cancelButton.focus();
    cancelButton.click();
    await element.updateComplete;
    await element.updateComplete;
    const dialog = q<HTMLDialogElement>(element, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(text(element)).to.contain('Cancel this visit?');
    await expect(element).to.be.accessible();

    await click(element, 'Yes, cancel the visit');
    await element.updateComplete;
    expect(q(element, 'dialog .error-summary').textContent).to.contain('Select why you are cancelling');
    expect(activeInShadow(element)?.classList.contains('error-summary')).to.equal(true);
    await expect(element).to.be.accessible();

    check(element, 'I or my visitors can no longer go');
    fill(element, 'Anything the prison should know?', 'Car broke down');
    await click(element, 'Yes, cancel the visit');
    await until(element, () => text(element).includes('is cancelled'), 'cancelled notice');
    expect(element.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(backend.api.callsTo('POST /visits/{visitId}/cancel')[0]!.body).to.deep.equal({
      reason: 'booker-cancelled',
      note: 'Car broke down',
    });
    await until(
      element,
      () => !text(element).includes('INP3RSN2 '),
      'cancelled visit left the upcoming list',
    );
    expect(element.shadowRoot!.querySelectorAll('[part="visit"]')).to.have.length(2);
    await expect(element).to.be.accessible();
  });

  it('"No, keep the visit" closes the dialog without cancelling and returns focus', async () => {
    const backend = seeded();
    const element = await mount(backend);
    q<HTMLButtonElement>(element, '#cancel-v-in').click();
    await element.updateComplete;
    await element.updateComplete;
    await click(element, 'No, keep the visit');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(activeInShadow(element)?.id).to.equal('cancel-v-in');
    expect(backend.api.callsTo('POST /visits/{visitId}/cancel')).to.have.length(0);
  });

  it('asks the host first (visit-request-cancel): a host that prevents it keeps the visit', async () => {
    const backend = seeded();
    const element = await mount(backend);
    const asked: VisitRequestCancelEvent[] = [];
    element.addEventListener('visit-request-cancel', (event) => {
      asked.push(event);
      event.preventDefault();
    });
    q<HTMLButtonElement>(element, '#cancel-v-in').click();
    await element.updateComplete;
    await element.updateComplete;
    check(element, 'I or my visitors can no longer go');
    await click(element, 'Yes, cancel the visit');
    await element.updateComplete;
    expect(asked.map((e) => [e.visitId, e.reference, e.reason])).to.deep.equal([
      ['v-in', 'INP3RSN2', 'booker-cancelled'],
    ]);
    expect(element.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(activeInShadow(element)?.id).to.equal('cancel-v-in');
    expect(backend.api.callsTo('POST /visits/{visitId}/cancel')).to.have.length(0);
    expect(text(element)).to.contain('INP3RSN2');
  });

  it('changes a visit to another time atomically (hold, then change), keeping the reference', async () => {
    const backend = seeded();
    const element = await mount(backend);
    (
      q(element, '#visit-v-in').querySelector('button[data-variant="secondary"]') as HTMLButtonElement
    ).click();
    await until(
      element,
      () => Boolean(element.shadowRoot!.querySelector('visit-session-calendar')),
      'calendar',
    );
    expect(activeInShadow(element)?.textContent).to.contain('Change the time of your visit');
    await click(element, 'Move visit to this time');
    expect(q(element, '.error-summary').textContent).to.contain('Choose a date and time for your visit');

    const calendar = q(element, 'visit-session-calendar') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    await calendar.updateComplete;
    const day = backend.firstOpenDay('in-person');
    let dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`);
    if (!dayButton) {
      calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
      await calendar.updateComplete;
      dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!;
    }
    dayButton.click();
    await calendar.updateComplete;
    calendar.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"]')!.click();
    await element.updateComplete;
    await expect(element).to.be.accessible();
    await click(element, 'Move visit to this time');
    await until(element, () => text(element).includes('The reference is still INP3RSN2'), 'changed notice');
    const hold = backend.api.callsTo('POST /holds')[0]!;
    expect(hold.body).to.deep.equal({ prisonerId: 'p1', slotId: day.sessions[0]!.id });
    const change = backend.api.callsTo('POST /visits/{visitId}/change')[0]!;
    expect(change.params.visitId).to.equal('v-in');
    expect(backend.visits.find((item) => item.id === 'v-in')!.start).to.equal(day.sessions[0]!.start);
  });

  it('when the new time was taken meanwhile, offers the nearest alternatives', async () => {
    const backend = seeded();
    const alternative = backend.days('in-person').flatMap((day) => day.sessions)[2]!;
    let first = true;
    const element = await mount(backend);
    backend.api.route('POST /holds', (request) => {
      if (first) {
        first = false;
        return problem(409, 'slot-unavailable', { alternatives: [alternative] });
      }
      const { slotId } = request.body as { slotId: string };
      backend.holds.push({
        id: 'h-alt',
        slotId,
        start: alternative.start,
        end: alternative.end,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      });
      return new Response(JSON.stringify(backend.holds.at(-1)), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    });
    (
      q(element, '#visit-v-in').querySelector('button[data-variant="secondary"]') as HTMLButtonElement
    ).click();
    await until(
      element,
      () => Boolean(element.shadowRoot!.querySelector('visit-session-calendar')),
      'calendar',
    );
    const calendar = q(element, 'visit-session-calendar') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    await calendar.updateComplete;
    const day = backend.firstOpenDay('in-person');
    let dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`);
    if (!dayButton) {
      calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
      await calendar.updateComplete;
      dayButton = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!;
    }
    dayButton.click();
    await calendar.updateComplete;
    calendar.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"]')!.click();
    await click(element, 'Move visit to this time');
    await until(element, () => text(element).includes('someone else booked that time'), 'alternatives');
    await expect(element).to.be.accessible();
    button(element, 'Move to ').click();
    await until(
      element,
      () => text(element).includes('The reference is still INP3RSN2'),
      'changed to the alternative',
    );
    expect(backend.visits.find((item) => item.id === 'v-in')!.start).to.equal(alternative.start);
  });

  it('fits 320 px without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await mount(seeded());
    expect(element.shadowRoot!.querySelectorAll('[part="visit"]').length).to.be.greaterThan(0);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('speaks Welsh', async () => {
    const backend = seeded();
    const root = await fixture<HTMLDivElement>(
      html`<div lang="cy"><visit-my-visits .client=${backend.client}></visit-my-visits></div>`,
    );
    const element = root.querySelector('visit-my-visits') as VisitMyVisits;
    await until(element, () => text(element).includes('INP3RSN2'), 'list');
    expect(text(element)).to.contain('Eich ymweliadau');
    expect(text(element)).to.contain('Ymweliad wyneb yn wyneb');
    expect(text(element)).to.contain('Canslo’r ymweliad');
    expect(text(element)).to.contain('Ymuno â’r ymweliad fideo');
    await expect(element).to.be.accessible();
  });
});
