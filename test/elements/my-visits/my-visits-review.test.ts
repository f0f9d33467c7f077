// The "Needs checking" notice on a visit the prison flagged after a reported change (a transfer…): in the
// family's language, tied to the card's heading, and only on visits that still take place.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Visit } from '../../../src/api/family.js';
import type { VisitMyVisits } from '../../../src/elements/my-visits/my-visits.js';
import '../../../src/elements/my-visits/visit-my-visits.js';
import { familyBackend, TZ, type FamilyBackend } from '../booking/family-backend.js';
import { q, text, until } from '../booking/helpers.js';

const since = new Date().toISOString();

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

function flagged(): FamilyBackend {
  const backend = familyBackend({ signedIn: true });
  backend.visits.push(
    visit({ id: 'v-moved', reference: 'MOVED234', review: { reason: 'prisoner-moved', since } }),
    visit({ id: 'v-fine', reference: 'F1NEVST2' }),
  );
  return backend;
}

async function mount(backend: FamilyBackend, lang = 'en', scope = 'upcoming') {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang}>
      <visit-my-visits .client=${backend.client} scope=${scope}></visit-my-visits>
    </div>`,
  );
  const element = wrapper.querySelector<VisitMyVisits>('visit-my-visits')!;
  await until(element, () => text(element).includes(backend.visits[0]!.reference), 'list loaded');
  return element;
}

describe('<visit-my-visits> review notice', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('shows why a flagged visit needs checking and what to do next, described by its heading; axe clean', async () => {
    const element = await mount(flagged());
    const notices = element.shadowRoot!.querySelectorAll('[part="review-notice"]');
    expect(notices).to.have.length(1);
    const notice = notices[0] as HTMLElement;
    expect(notice.dataset.reason).to.equal('prisoner-moved');
    expect(notice.textContent).to.contain('Needs checking:');
    expect(notice.textContent).to.contain('Alex Smith has moved to another prison');
    expect(notice.textContent).to.contain('The prison will contact you');
    const heading = q(element, '#visit-v-moved-title');
    expect(heading.getAttribute('aria-describedby')).to.equal(notice.id);
    expect(q(element, '#visit-v-fine-title').hasAttribute('aria-describedby')).to.equal(false);
    // the family may still cancel it themselves
    expect(text(element)).to.contain('Cancel visit');
    await expect(element).to.be.accessible();
  });

  it('is in Welsh on a Welsh page, and fits 375 px', async () => {
    await setViewport({ width: 375, height: 700 });
    const element = await mount(flagged(), 'cy');
    const notice = q(element, '[part="review-notice"]');
    expect(notice.textContent).to.contain('Angen ei wirio:');
    expect(notice.textContent).to.contain('Mae Alex Smith wedi symud i garchar arall');
    expect(notice.textContent).to.contain('Bydd y carchar yn cysylltu â chi');
    expect(notice.scrollWidth).to.be.at.most(notice.clientWidth + 1);
    await expect(element).to.be.accessible();
  });

  it('is not shown on a visit that no longer takes place', async () => {
    const backend = familyBackend({ signedIn: true });
    backend.visits.push(
      visit({
        id: 'v-gone',
        status: 'cancelled',
        review: { reason: 'prisoner-moved', since },
        cancellation: { reason: 'establishment-cancelled', at: since },
      }),
    );
    const element = await mount(backend, 'en', 'cancelled');
    expect(element.shadowRoot!.querySelector('[part="review-notice"]')).to.equal(null);
  });
});
