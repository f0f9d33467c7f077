// The "Phone bookings" section's logic (plain TypeScript, no Lit): find the family, see the person's allowance
// and its history, adjust it, hold a session, pick the visitors and book, or change or cancel a visit — all for
// the family, through the staff routes that apply the family's own rules. The panel renders this state and
// calls these actions; every change fires `change`.
import type { VisitClient } from '../../api/client.js';
import type { components } from '../../api/contract.js';
import { VisitApiError } from '../../api/errors.js';
import { getAvailability } from '../../api/family.js';
import {
  OnBehalfApi,
  type AllowanceAdjustmentInput,
  type AllowanceHistory,
  type StaffFamily,
  type StaffFamilyLink,
} from '../../api/on-behalf.js';
import { addDays } from '../../core/dates.js';

type Visit = components['schemas']['Visit'];
type Slot = components['schemas']['Slot'];
type Hold = components['schemas']['Hold'];

export type PhoneStatus = 'idle' | 'pending' | 'complete' | 'error';

/** How many days of sessions the panel offers (the booking window still decides what is open). */
export const SESSION_DAYS = 28;

/** What the search box holds: an email (has `@`) or a prison number. */
export function familyQuery(term: string): { email: string } | { prisonNumber: string } | undefined {
  const value = term.trim();
  if (!value) return undefined;
  if (value.includes('@')) return { email: value.toLowerCase() };
  if (/^[A-Za-z]\d{4}[A-Za-z]{2}$/.test(value)) return { prisonNumber: value.toUpperCase() };
  return undefined;
}

export class PhoneBooking extends EventTarget {
  readonly api: OnBehalfApi;
  searchStatus: PhoneStatus = 'idle';
  families: StaffFamily[] = [];
  family: StaffFamily | undefined;
  link: StaffFamilyLink | undefined;
  allowance: AllowanceHistory | undefined;
  visits: Visit[] = [];
  slots: Slot[] = [];
  type: 'video' | 'in-person' = 'video';
  hold: Hold | undefined;
  /** The visit being moved to the held session (undefined: a new booking). */
  changing: Visit | undefined;
  busy = false;
  /** What the backend refused last (its problem), for the panel to explain. */
  problem: unknown;
  /** The visit just booked, moved or cancelled, and how. */
  done: { kind: 'booked' | 'changed' | 'cancelled'; visit: Visit } | undefined;

  constructor(client: VisitClient) {
    super();
    this.api = new OnBehalfApi(client);
  }

  get client(): VisitClient {
    return this.api.client;
  }

  /** Finds families by email or prison number; `false` when the term is neither. */
  async search(term: string): Promise<boolean> {
    const query = familyQuery(term);
    if (!query) return false;
    this.searchStatus = 'pending';
    this.family = this.link = this.allowance = this.hold = this.changing = undefined;
    this.#changed();
    try {
      this.families = await this.api.findFamilies(query);
      this.searchStatus = 'complete';
    } catch (error) {
      this.families = [];
      this.problem = error;
      this.searchStatus = 'error';
    }
    this.#changed();
    return true;
  }

  /** Chooses one family's link to a person: loads the allowance, their upcoming visits and the sessions. */
  async choose(family: StaffFamily, link: StaffFamilyLink, today: string): Promise<void> {
    this.family = family;
    this.link = link;
    this.hold = this.changing = this.done = undefined;
    await this.#act(async () => {
      const [allowance, visits] = await Promise.all([
        this.api.allowance(link.prisoner.id),
        this.api.familyVisits(family.userId),
      ]);
      this.allowance = allowance;
      this.visits = visits.filter((visit) => visit.prisoner.id === link.prisoner.id);
      await this.loadSessions(today);
    });
  }

  async loadSessions(today: string, type = this.type): Promise<void> {
    if (!this.link) return;
    this.type = type;
    const availability = await getAvailability(this.client, this.link.prisoner.id, {
      type,
      from: today,
      to: addDays(today, SESSION_DAYS),
    });
    // Legal visit sessions are booked by the legal professional (with their firm), never for a family.
    this.slots = availability.days
      .flatMap((day) => day.sessions)
      .filter((slot) => slot.remaining > 0 && !slot.legal);
    this.#changed();
  }

  /** Holds a session for the family (for a new booking, or to move `changing` to). */
  async holdSession(slotId: string): Promise<void> {
    const { family, link } = this;
    if (!family || !link) return;
    await this.#act(async () => {
      this.hold = await this.api.hold(family.userId, link.prisoner.id, slotId);
    });
  }

  /** Books the held session (or moves the visit being changed to it) with these visitors. */
  async confirm(visitorIds: string[]): Promise<void> {
    const { family, hold, changing } = this;
    if (!family || !hold) return;
    await this.#act(async () => {
      const visit = changing
        ? await this.api.change(family.userId, changing.id, hold.id)
        : await this.api.book(family.userId, hold.id, visitorIds);
      this.done = { kind: changing ? 'changed' : 'booked', visit };
      this.hold = this.changing = undefined;
      await this.#refresh();
    });
  }

  async releaseHold(): Promise<void> {
    const { family, hold } = this;
    if (!family || !hold) return;
    await this.#act(async () => {
      await this.api.releaseHold(family.userId, hold.id);
      this.hold = this.changing = undefined;
    });
  }

  /** Starts moving a visit: the next held session becomes its new time. */
  startChange(visit: Visit): void {
    this.changing = visit;
    this.done = undefined;
    this.#changed();
  }

  async cancel(visit: Visit): Promise<void> {
    const { family } = this;
    if (!family) return;
    await this.#act(async () => {
      const cancelled = await this.api.cancel(family.userId, visit.id);
      this.done = { kind: 'cancelled', visit: cancelled };
      await this.#refresh();
    });
  }

  async adjust(input: AllowanceAdjustmentInput): Promise<boolean> {
    const link = this.link;
    if (!link) return false;
    return this.#act(async () => {
      this.allowance = await this.api.adjustAllowance(link.prisoner.id, input);
    });
  }

  /** Runs an action: busy while it runs, its problem kept; true when it succeeded. */
  async #act(run: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.problem = undefined;
    this.#changed();
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof VisitApiError)) console.warn(error);
      this.problem = error;
      return false;
    } finally {
      this.busy = false;
      this.#changed();
    }
  }

  async #refresh(): Promise<void> {
    const { family, link } = this;
    if (!family || !link) return;
    const [allowance, visits] = await Promise.all([
      this.api.allowance(link.prisoner.id),
      this.api.familyVisits(family.userId),
    ]);
    this.allowance = allowance;
    this.visits = visits.filter((visit) => visit.prisoner.id === link.prisoner.id);
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
