// <visit-my-visits> after a call and while things change: the Past list says how the call ended and offers
// nothing, the list follows `visit-booked` under the same provider and the family's event stream, and every
// card and button has a name of its own.
import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';
import type { Visit } from '../../../src/api/family.js';
import { VisitBookedEvent } from '../../../src/core/events/visit-booked.js';
import type { VisitMyVisits } from '../../../src/elements/my-visits/my-visits.js';
import '../../../src/elements/my-visits/visit-my-visits.js';
import '../../../src/elements/provider/visit-provider.js';
import { FakeEventStream } from '../../support/fake-staff-api.js';
import { familyBackend, TZ, type FamilyBackend } from '../booking/family-backend.js';
import { q, text, until } from '../booking/helpers.js';

const MIN = 60_000;

function visit(overrides: Partial<Visit>): Visit {
  const now = Date.now();
  return {
    id: 'v1',
    reference: 'BK7Q2MXA',
    type: 'video',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start: new Date(now + 3 * 86400_000).toISOString(),
    end: new Date(now + 3 * 86400_000 + 30 * MIN).toISOString(),
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
    prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Smith' },
    visitors: [
      { id: 'v-sam', firstName: 'Sam', lastName: 'Taylor', dateOfBirth: '1988-01-01', age: 38, lead: true },
    ],
    contact: { email: 'sam@example.org' },
    ...overrides,
  };
}

/** A video visit whose waiting room is open now (opened 5 minutes ago, ends in 25). */
function openNow(overrides: Partial<Visit>): Visit {
  const now = Date.now();
  return visit({
    start: new Date(now - 5 * MIN).toISOString(),
    end: new Date(now + 25 * MIN).toISOString(),
    call: { opensAt: new Date(now - 10 * MIN).toISOString(), endsAt: new Date(now + 25 * MIN).toISOString() },
    ...overrides,
  });
}

/** A family backend whose lists split visits as the server does: a completed visit is past, whatever its times. */
function backendLikeServer(): FamilyBackend {
  const backend = familyBackend({ signedIn: true });
  backend.api.route('GET /visits', (request: { query: URLSearchParams }) => {
    const scope = request.query.get('scope');
    const now = Date.now();
    const active = (v: Visit) => v.status === 'booked' || v.status === 'requested';
    return backend.visits.filter((v) =>
      scope === 'cancelled'
        ? v.status === 'cancelled'
        : scope === 'past'
          ? v.status === 'completed' || (active(v) && Date.parse(v.end) <= now)
          : active(v) && Date.parse(v.end) > now,
    );
  });
  return backend;
}

/** The backend with `/family/events` answered by a pushable stream. */
function live(backend: FamilyBackend): FakeEventStream {
  const stream = new FakeEventStream();
  backend.api.route('GET /family/events', (request: { signal: AbortSignal }) =>
    stream.response(request.signal),
  );
  return stream;
}

async function loaded(element: VisitMyVisits) {
  await until(element, () => !element.shadowRoot!.querySelector('.spinner'), 'list loaded');
}

describe('<visit-my-visits> after a call, and kept current', () => {
  it('lists a visit whose call staff ended under Past, with the outcome in words and no Join, Change or Cancel', async () => {
    const backend = backendLikeServer();
    // Its times still say "open": only the recorded outcome tells that it is over.
    backend.visits.push(
      openNow({
        id: 'v-ended',
        reference: 'ENDEDV1S',
        status: 'completed',
        subStatus: 'ENDED_BY_STAFF',
        callOutcome: { result: 'ended-by-staff', staffReason: 'behaviour', at: new Date().toISOString() },
      }),
      visit({
        id: 'v-noshow',
        reference: 'N0SH0WV1',
        status: 'completed',
        start: new Date(Date.now() - 86400_000).toISOString(),
        end: new Date(Date.now() - 86400_000 + 30 * MIN).toISOString(),
        callOutcome: { result: 'prisoner-no-show', at: new Date().toISOString() },
      }),
    );
    const element = await fixture<VisitMyVisits>(
      html`<visit-my-visits .client=${backend.client} scope="past"></visit-my-visits>`,
    );
    await loaded(element);
    const ended = q(element, '#visit-v-ended');
    expect(ended.textContent).to.contain('How it ended');
    expect(ended.textContent).to.contain('The prison ended the visit early');
    expect(ended.textContent).to.contain('Reason: behaviour');
    expect(q(element, '#visit-v-noshow').textContent).to.contain(
      'The person in prison did not join the call',
    );
    expect(element.shadowRoot!.querySelectorAll('button[part="join"]')).to.have.length(0);
    expect(text(element)).to.not.contain('Join video visit');
    expect(text(element)).to.not.contain('Change time');
    expect(text(element)).to.not.contain('Cancel visit');
    await expect(element).to.be.accessible();

    element.lang = 'cy';
    await until(
      element,
      () => text(element).includes('Daeth y carchar â’r ymweliad i ben yn gynnar'),
      'Welsh',
    );
    expect(text(element)).to.contain('Rheswm: ymddygiad');
    expect(text(element)).to.contain('Sut y daeth i ben');
  });

  it('never offers Join for a visit with a recorded outcome, even if it is still listed as upcoming', async () => {
    const backend = backendLikeServer();
    backend.visits.push(
      openNow({ id: 'v-open', reference: 'OPENV1S1' }),
      openNow({
        id: 'v-stale',
        reference: 'STALEV1S',
        callOutcome: { result: 'time-up', at: new Date().toISOString() },
      }),
    );
    const element = await fixture<VisitMyVisits>(
      html`<visit-my-visits .client=${backend.client}></visit-my-visits>`,
    );
    await loaded(element);
    expect(q(element, '#visit-v-open').textContent).to.contain('Join video visit');
    expect(q(element, '#visit-v-stale').textContent).to.not.contain('Join video visit');
    expect(q(element, '#visit-v-stale').querySelector('button')).to.equal(null);
  });

  it('shows a visit booked by a sibling under the same provider, without reload(); not one booked elsewhere', async () => {
    const backend = backendLikeServer();
    const other = backendLikeServer();
    const page = await fixture<HTMLElement>(
      html`<div>
        <visit-provider id="ours" .client=${backend.client}>
          <div id="sibling"></div>
          <visit-my-visits></visit-my-visits>
        </visit-provider>
        <visit-provider id="theirs" .client=${other.client}><div id="elsewhere"></div></visit-provider>
      </div>`,
    );
    const element = page.querySelector<VisitMyVisits>('visit-my-visits')!;
    await until(element, () => text(element).includes('You have no upcoming visits.'), 'empty list');
    const loads = () => backend.api.callsTo('GET /visits').length;
    const before = loads();

    const booked = visit({ id: 'v-new', reference: 'NEWB00K1' });
    backend.visits.push(booked);
    page
      .querySelector('#elsewhere')!
      .dispatchEvent(
        new VisitBookedEvent({ reference: 'NEWB00K1', start: booked.start, end: booked.end, type: 'video' }),
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(loads(), 'a booking under another provider is not ours').to.equal(before);

    const started = performance.now();
    page
      .querySelector('#sibling')!
      .dispatchEvent(
        new VisitBookedEvent({ reference: 'NEWB00K1', start: booked.start, end: booked.end, type: 'video' }),
      );
    await until(element, () => text(element).includes('NEWB00K1'), 'the new visit');
    expect(performance.now() - started).to.be.below(1000);
    expect(loads()).to.equal(before + 1);
  });

  it('follows the family event stream: a cancellation and a call outcome from the prison appear live', async () => {
    const backend = backendLikeServer();
    const stream = live(backend);
    const mine = openNow({ id: 'v-live', reference: 'L1VEV1S1' });
    backend.visits.push(mine);
    const element = await fixture<VisitMyVisits>(
      html`<visit-my-visits .client=${backend.client}></visit-my-visits>`,
    );
    await loaded(element);
    await until(element, () => stream.connected, 'stream open');
    expect(q(element, '#visit-v-live').textContent).to.contain('Join video visit');

    // Staff end the call: the server records the outcome and pushes the visit.
    const ended: Visit = {
      ...mine,
      status: 'completed',
      subStatus: 'ENDED_BY_STAFF',
      callOutcome: { result: 'ended-by-staff', staffReason: 'technical', at: new Date().toISOString() },
    };
    backend.visits.splice(0, 1, ended);
    stream.push('visit', ended);
    await until(element, () => !text(element).includes('L1VEV1S1'), 'gone from upcoming');
    expect(text(element)).to.contain('You have no upcoming visits.');
    element.scope = 'past';
    await until(element, () => text(element).includes('Reason: a technical problem'), 'past with outcome');
    expect(text(element)).to.not.contain('Join video visit');

    // A later visit cancelled by the prison.
    element.scope = 'upcoming';
    const later = visit({ id: 'v-later', reference: 'LATERV1S' });
    backend.visits.push(later);
    stream.push('visit', later);
    await until(element, () => text(element).includes('LATERV1S'), 'new visit live');
    later.status = 'cancelled';
    later.cancellation = { reason: 'establishment-cancelled', at: new Date().toISOString() };
    stream.push('visit', later);
    await until(element, () => !text(element).includes('LATERV1S'), 'cancelled live');

    element.remove();
    await until(element, () => !stream.connected, 'stream closed when removed');
  });

  it('gives two visits on one day distinct headings and distinct Join, Change and Cancel names', async () => {
    const backend = backendLikeServer();
    const day = Date.now() + 3 * 86400_000;
    backend.visits.push(
      visit({
        id: 'v-am',
        reference: 'M0RN1NG1',
        type: 'in-person',
        start: new Date(day).toISOString(),
        end: new Date(day + 30 * MIN).toISOString(),
      }),
      visit({
        id: 'v-pm',
        reference: 'AFT3RN00',
        type: 'in-person',
        start: new Date(day + 60 * MIN).toISOString(),
        end: new Date(day + 90 * MIN).toISOString(),
      }),
    );
    const element = await fixture<VisitMyVisits>(
      html`<visit-my-visits .client=${backend.client}></visit-my-visits>`,
    );
    await loaded(element);
    const snapshot = await a11ySnapshot({});
    const names = (role: string, starts: string) => {
      const found: string[] = [];
      const walk = (node: { role?: string; name?: string; children?: unknown[] } | null) => {
        if (!node) return;
        if (node.role === role && node.name?.startsWith(starts)) found.push(node.name);
        for (const child of node.children ?? []) walk(child as typeof node);
      };
      walk(snapshot as never);
      return found;
    };
    const headings = names('heading', '');
    const cards = headings.filter((name) => /M0RN1NG1|AFT3RN00/.test(name));
    expect(cards).to.have.length(2);
    expect(new Set(cards).size).to.equal(2);
    for (const label of ['Change time', 'Cancel visit']) {
      const buttons = names('button', label);
      expect(buttons, label).to.have.length(2);
      expect(new Set(buttons).size, `${label} names differ`).to.equal(2);
      expect(buttons.some((name) => name.includes('M0RN1NG1'))).to.equal(true);
      expect(buttons.some((name) => name.includes('AFT3RN00'))).to.equal(true);
    }
    expect(
      findAccessibilityNode(
        snapshot as never,
        (node: { name?: string }) => !!node.name?.includes('visiting Alex Smith'),
      ),
    ).to.not.equal(null);
    await expect(element).to.be.accessible();
  });
});
