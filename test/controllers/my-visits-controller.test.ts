// MyVisitsController with a minimal host (no element, no view): what each visit allows as of a fixed time,
// loading through the contract adapter, reloading on `visit-booked` and on the family stream, and stopping
// when the host goes away.
import { expect } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { clockFrom, type Clock } from '../../src/api/clock.js';
import type { VisitClient } from '../../src/api/client.js';
import type { Visit, VisitScope } from '../../src/api/family.js';
import {
  familyReason,
  MyVisitsController,
  reviewNotice,
  visitActions,
  type MyVisitsHost,
} from '../../src/elements/my-visits/my-visits-controller.js';
import { FakeEventStream } from '../support/fake-staff-api.js';
import { familyBackend, TZ } from '../elements/booking/family-backend.js';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const MIN = 60_000;

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    reference: 'BK7Q2MXA',
    type: 'video',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start: new Date(NOW + 10 * MIN).toISOString(),
    end: new Date(NOW + 40 * MIN).toISOString(),
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
    prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Smith' },
    visitors: [],
    contact: {},
    call: { opensAt: new Date(NOW - 5 * MIN).toISOString(), endsAt: new Date(NOW + 40 * MIN).toISOString() },
    ...overrides,
  };
}

/** The smallest host a controller needs: it runs the update cycle itself. */
class Host implements MyVisitsHost {
  readonly controllers = new Set<ReactiveController>();
  updates = 0;
  #pending?: Promise<void>;
  constructor(
    public activeClient: VisitClient | undefined,
    public clock: Clock,
  ) {}
  addController(controller: ReactiveController) {
    this.controllers.add(controller);
  }
  removeController(controller: ReactiveController) {
    this.controllers.delete(controller);
  }
  requestUpdate() {
    this.#pending ??= Promise.resolve().then(() => {
      this.#pending = undefined;
      this.updates += 1;
      for (const c of this.controllers) c.hostUpdate?.();
      for (const c of this.controllers) c.hostUpdated?.();
    });
  }
  get updateComplete() {
    return (this.#pending ?? Promise.resolve()).then(() => true);
  }
  connect() {
    for (const c of this.controllers) c.hostConnected?.();
    this.requestUpdate();
  }
  disconnect() {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('MyVisitsController', () => {
  it('decides each visit’s buttons from the time given, and never for an ended visit', () => {
    const open = visitActions(visit(), NOW);
    expect(open).to.deep.equal({ join: true, change: true, cancel: true });
    const early = visitActions(visit(), NOW - 10 * MIN);
    expect(early.join).to.equal(false);
    expect(early.joinFrom).to.equal(visit().call!.opensAt);
    const started = visitActions(visit(), NOW + 15 * MIN);
    expect(started).to.deep.equal({ join: true, change: false, cancel: true });
    const over = visitActions(visit(), NOW + 41 * MIN);
    expect(over).to.deep.equal({ join: false, change: false, cancel: false });
    const ended = visit({
      status: 'completed',
      callOutcome: { result: 'ended-by-staff', staffReason: 'behaviour', at: new Date(NOW).toISOString() },
    });
    expect(visitActions(ended, NOW)).to.deep.equal({ join: false, change: false, cancel: false });
    // Even if a list still calls it booked, a recorded outcome ends it.
    expect(visitActions({ ...ended, status: 'booked' }, NOW).join).to.equal(false);
    expect(visitActions(visit({ status: 'requested' }), NOW)).to.deep.equal({
      join: false,
      change: true,
      cancel: true,
    });
    expect(visitActions(visit({ type: 'in-person', call: undefined }), NOW).join).to.equal(false);
    expect(familyReason('behaviour')).to.equal('behaviour');
    expect(familyReason('something-new')).to.equal('other');
  });

  it('shows a review notice only on a visit that still takes place and that the prison flagged', () => {
    const since = new Date(NOW).toISOString();
    expect(reviewNotice(visit())).to.equal(undefined);
    expect(reviewNotice(visit({ review: { reason: 'prisoner-moved', since } }))).to.equal('prisoner-moved');
    expect(
      reviewNotice(visit({ status: 'requested', review: { reason: 'visit-conditions', since } })),
    ).to.equal('visit-conditions');
    expect(
      reviewNotice(visit({ status: 'cancelled', review: { reason: 'prisoner-moved', since } })),
    ).to.equal(undefined);
    expect(
      reviewNotice(visit({ status: 'completed', review: { reason: 'prisoner-moved', since } })),
    ).to.equal(undefined);
  });

  it('loads the scope, reloads on visit-booked at the provider and on the family stream, and stops when disconnected', async () => {
    const backend = familyBackend({ signedIn: true });
    const stream = new FakeEventStream();
    backend.api.route('GET /family/events', (request: { signal: AbortSignal }) =>
      stream.response(request.signal),
    );
    backend.visits.push(
      visit({
        start: new Date(Date.now() + 86400_000).toISOString(),
        end: new Date(Date.now() + 86400_000 + 30 * MIN).toISOString(),
      }),
    );
    const host = new Host(backend.client, clockFrom(NOW));
    const provider = new EventTarget();
    let scope: VisitScope = 'upcoming';
    const controller = new MyVisitsController(host, {
      scope: () => scope,
      changing: () => undefined,
      events: () => provider,
    });
    // Its time is the client's clock (fixed to NOW here), not the device's.
    expect(Math.abs(controller.now - NOW)).to.be.below(1000);
    host.connect();
    await until(() => controller.visits.value?.length === 1, 'first load');
    await until(() => stream.connected && controller.live, 'stream open');
    const loads = () => backend.api.callsTo('GET /visits').length;
    expect(loads()).to.equal(1);

    provider.dispatchEvent(new Event('visit-booked'));
    await until(() => loads() === 2, 'reload on visit-booked');

    stream.push('visit', visit());
    await until(() => loads() === 3, 'reload on a pushed visit');
    stream.push('link', { kind: 'link', id: 'l1', status: 'approved' });
    await until(() => loads() === 4, 'reload on a link decision');

    scope = 'past';
    host.requestUpdate();
    await until(() => backend.api.callsTo('GET /visits').at(-1)?.query.get('scope') === 'past', 'past scope');

    host.disconnect();
    await until(() => !stream.connected, 'stream closed');
    const after = loads();
    provider.dispatchEvent(new Event('visit-booked'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads(), 'no longer listening').to.equal(after);
  });

  it('does not follow a stream while signed out, and keeps working without one (older backend: 404)', async () => {
    const signedOut = familyBackend();
    const host = new Host(signedOut.client, clockFrom(NOW));
    const controller = new MyVisitsController(host, {
      scope: () => 'upcoming',
      changing: () => undefined,
      events: () => undefined,
    });
    host.connect();
    await host.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signedOut.api.calls).to.have.length(0);
    expect(controller.visits.value).to.equal(undefined);
    host.disconnect();

    const old = familyBackend({ signedIn: true });
    const oldHost = new Host(old.client, clockFrom(NOW));
    const listed = new MyVisitsController(oldHost, {
      scope: () => 'upcoming',
      changing: () => undefined,
      events: () => undefined,
    });
    oldHost.connect();
    await until(() => listed.visits.value !== undefined, 'list without a stream');
    await until(() => old.api.callsTo('GET /family/events').length === 1, 'tried the stream once');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(old.api.callsTo('GET /family/events'), 'a 404 is not retried').to.have.length(1);
    expect(listed.live).to.equal(false);
    oldHost.disconnect();
  });
});
