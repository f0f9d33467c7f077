// BookingController on its own: a minimal host (no element, no DOM rendering) with a clock the test moves,
// against the stateful family fake. It shows the journey's behaviour lives in the controller: the machine moves,
// the API is called, the hold counts down on the host's clock, events reach the host.
import { expect } from '@open-wc/testing';
import { TaskStatus } from '@lit/task';
import type { ReactiveController } from 'lit';
import { BookingController, type BookingHost } from '../../../src/elements/booking/booking-controller.js';
import { BookingJourney } from '../../../src/elements/booking/booking-journey.js';
import type { VisitBookedEvent } from '../../../src/core/events/visit-booked.js';
import type { VisitErrorEvent } from '../../../src/core/events/visit-error.js';
import type { VisitStepChangeEvent } from '../../../src/core/events/visit-step-change.js';
import { bookingJourneyMessages, bookingMessages, commonMessages } from '../../../src/i18n/areas.js';
import { calendarMessages } from '../../../src/i18n/calendar.js';
import {
  loadAreas,
  registerArea,
  translate,
  type MessageKey,
  type Variables,
} from '../../../src/i18n/index.js';
import { familyBackend, type FamilyBackend } from './family-backend.js';

class MiniHost extends EventTarget implements BookingHost {
  readonly controllers = new Set<ReactiveController>();
  readonly announcements: string[] = [];
  readonly events: Event[] = [];
  time = Date.now();
  readonly clock = { now: () => this.time };
  readonly locale = 'en';
  updates = 0;
  #pending?: Promise<boolean>;

  constructor(readonly activeClient: FamilyBackend['client']) {
    super();
    for (const type of ['visit-step-change', 'visit-booked', 'visit-error'])
      this.addEventListener(type, (event) => this.events.push(event));
  }
  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }
  /** One update cycle per microtask, like a Lit element: hostUpdate, then hostUpdated. */
  requestUpdate(): void {
    this.#pending ??= Promise.resolve().then(() => {
      this.#pending = undefined;
      this.updates++;
      for (const controller of this.controllers) controller.hostUpdate?.();
      for (const controller of this.controllers) controller.hostUpdated?.();
      return true;
    });
  }
  get updateComplete(): Promise<boolean> {
    return this.#pending ?? Promise.resolve(true);
  }
  t(key: MessageKey, variables?: Variables): string {
    return translate('en', key, variables);
  }
  announce(message: string): void {
    this.announcements.push(message);
  }
  describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
    this.requestUpdate();
  }
}

async function until(condition: () => boolean, what: string, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries))
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  return data;
}

/** Signed in, person chosen, visitors chosen, first free time held: on the details step. */
async function toDetails(
  host: MiniHost,
  booking: BookingController,
  journey: BookingJourney,
  backend: FamilyBackend,
): Promise<void> {
  await until(() => journey.linksTask.status === TaskStatus.COMPLETE, 'links');
  journey.submitPrisoner(form({ link: 'l1' }), journey.linksTask.value!);
  await until(() => booking.machine?.view === 'visitors', 'visitors step');
  await until(() => journey.visitorsTask.status === TaskStatus.COMPLETE, 'visitors');
  const lead = journey.visitorsTask.value!.find((visitor) => visitor.lead)!;
  journey.submitVisitors(form({ type: 'video', visitor: lead.id }), journey.visitorsTask.value!);
  await until(() => journey.availabilityTask.status === TaskStatus.COMPLETE, 'availability');
  const slot = backend.firstOpenDay().sessions.find((session) => session.remaining > 0)!;
  journey.pickSlot(slot);
  journey.submitSlot();
  await until(() => booking.machine?.view === 'details', 'details step');
  await host.updateComplete;
}

describe('BookingController (minimal host)', () => {
  before(async () => {
    registerArea(commonMessages);
    registerArea(bookingMessages);
    await loadAreas([bookingJourneyMessages, calendarMessages], 'en');
  });

  it('starts signed in on the person step and tells the host about every screen', async () => {
    const backend = familyBackend({ signedIn: true });
    const host = new MiniHost(backend.client);
    const booking = new BookingController(host);
    const journey = new BookingJourney(booking); // the later screens' part, as the element starts it
    host.connect();
    await host.updateComplete;
    expect(booking.machine?.view).to.equal('prisoner');
    await toDetails(host, booking, journey, backend);
    const steps = host.events
      .filter((event) => event.type === 'visit-step-change')
      .map((event) => (event as VisitStepChangeEvent).view);
    expect(steps).to.deep.equal(['prisoner', 'visitors', 'slot', 'details']);
    expect(backend.holds).to.have.length(1);
    expect(booking.machine?.answers.hold?.id).to.equal(backend.holds[0]!.id);
    expect(booking.focusRequest, 'a new screen asks for its heading').to.equal('heading');
    expect(
      host.announcements.some((text) => /holding this time for you for \d+ minutes/i.test(text)),
    ).to.equal(true);
  });

  it('validates before calling the API, and asks for the error summary to be focused', async () => {
    const backend = familyBackend({ signedIn: false });
    const host = new MiniHost(backend.client);
    const booking = new BookingController(host);
    host.connect();
    await host.updateComplete;
    expect(booking.machine?.view).to.equal('sign-in');
    booking.submitEmail(form({ email: 'not-an-email' }));
    expect(booking.errors.map((error) => error.field)).to.deep.equal(['email']);
    expect(booking.focusRequest).to.equal('summary');
    expect(backend.api.callsTo('POST /auth/code')).to.have.length(0);
  });

  it('counts the hold down on the host clock: a warning two minutes before, back to the times after', async () => {
    const backend = familyBackend({ signedIn: true });
    const host = new MiniHost(backend.client);
    const booking = new BookingController(host);
    const journey = new BookingJourney(booking); // the later screens' part, as the element starts it
    host.connect();
    await toDetails(host, booking, journey, backend);
    const expires = Date.parse(booking.machine!.answers.hold!.expiresAt);
    host.time = expires - 150_000;
    journey.tick();
    expect(host.announcements.filter((text) => /left to finish/i.test(text))).to.have.length(0);
    host.time = expires - 90_000;
    journey.tick();
    journey.tick();
    const warnings = host.announcements.filter((text) => text.includes('2 minutes'));
    expect(warnings, host.announcements.join(' | ')).to.have.length(1);
    host.time = expires + 1;
    journey.tick();
    expect(booking.machine?.view).to.equal('slot');
    expect(booking.machine?.notice).to.deep.equal({ kind: 'hold-expired' });
    const error = host.events.find((event) => event.type === 'visit-error') as VisitErrorEvent;
    expect(error.code).to.equal('hold-expired');
  });

  it('confirms once (one booking row for two clicks) and fires visit-booked on the host', async () => {
    const backend = familyBackend({ signedIn: true });
    const host = new MiniHost(backend.client);
    const booking = new BookingController(host);
    const journey = new BookingJourney(booking); // the later screens' part, as the element starts it
    host.connect();
    await toDetails(host, booking, journey, backend);
    journey.submitDetails(form({ byEmail: 'on', contactEmail: 'sam@example.org' }));
    expect(booking.machine?.view).to.equal('check');
    const first = journey.confirm();
    const second = journey.confirm(); // busy: ignored
    await Promise.all([first, second]);
    expect(backend.created).to.equal(1);
    expect(booking.machine?.view).to.equal('confirmation');
    const booked = host.events.find((event) => event.type === 'visit-booked') as VisitBookedEvent;
    expect(booked.reference).to.equal(booking.machine?.visit?.reference);
  });

  it('stops its requests and its countdown when the host disconnects', async () => {
    const backend = familyBackend({ signedIn: true });
    const host = new MiniHost(backend.client);
    const booking = new BookingController(host);
    const journey = new BookingJourney(booking); // the later screens' part, as the element starts it
    host.connect();
    await toDetails(host, booking, journey, backend);
    for (const controller of host.controllers) controller.hostDisconnected?.();
    const updates = host.updates;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(host.updates, 'no tick after disconnect').to.equal(updates);
  });
});
