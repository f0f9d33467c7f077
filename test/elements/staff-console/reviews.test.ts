// The console's "Needs review" section: visits a reported change put in doubt, with the facts behind each;
// keep (one press) or cancel (a confirmation with an optional note); another officer deciding first (409).
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StaffVisit } from '../../../src/api/staff.js';
import { problem } from '../../support/fake-api.js';
import { DAY, visit } from '../../support/fake-staff-api.js';
import { button, deepActive, mount, settle } from './helpers.js';

const at = `${DAY}T09:00:00.000Z`;
function flagged(): StaffVisit[] {
  return [
    visit('r1', {
      review: {
        reason: 'prisoner-moved',
        since: at,
        facts: [{ eventId: 'e1', type: 'prisoner-transferred', detail: 'Transferred to HMP Example', at }],
      },
    }),
    visit('r2', {
      type: 'in-person',
      review: {
        reason: 'visit-conditions',
        since: at,
        facts: [
          { eventId: 'e2', type: 'prisoner-restriction', detail: 'Closed visits from now', at },
          { eventId: 'e3', type: 'something-new', detail: 'Other system fact', at },
        ],
      },
    }),
  ];
}

async function load(m: Awaited<ReturnType<typeof mount>>) {
  // mounted on the section, it loaded before the test's route was there: load again
  await (m.find('visit-staff-review-panel') as unknown as { load(): Promise<void> }).load();
  await waitUntil(() => m.find('tr[data-visit-id]') !== null || m.text().includes('No visits need review'));
  await settle(m.el);
}

describe('<visit-staff-console> Needs review', () => {
  it('lists flagged visits with what was reported, counts them on the tab, reached with Alt+6; accessible', async () => {
    const m = await mount({ tab: 'today' });
    let reviews = flagged();
    m.api.route('GET /staff/reviews', () => reviews);
    (m.find('#tab-today') as HTMLElement).focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'Digit6' });
    await sendKeys({ up: 'Alt' });
    await waitUntil(() => m.el.tab === 'reviews');
    await load(m);
    expect(m.text()).to.contain('Visits that need review');
    expect(m.find('tr[data-visit-id="r1"]')!.textContent).to.contain(
      'Transferred: Transferred to HMP Example',
    );
    const second = m.find('tr[data-visit-id="r2"]')!.textContent!;
    expect(second).to.contain('Restriction: Closed visits from now');
    expect(second, 'an unknown fact type shows as it came').to.contain('something-new: Other system fact');
    expect(m.find('#tab-reviews')!.textContent!.trim()).to.equal('Needs review (2)');
    await expect(m.el).to.be.accessible();
    reviews = [];
    await (m.find('visit-staff-review-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    expect(m.text()).to.contain('No visits need review.');
    expect(m.find('#tab-reviews')!.textContent!.trim()).to.equal('Needs review');
  });

  it('keeps with one press (announced, focus stays in the list) and cancels after a confirmation with a note', async () => {
    const m = await mount({ tab: 'reviews' });
    m.api.route('GET /staff/reviews', () => flagged());
    m.api.route('POST /staff/visits/{visitId}/review', (request) => ({
      ...visit(request.params.visitId!),
      status: (request.body as { decision: string }).decision === 'cancel' ? 'cancelled' : 'booked',
    }));
    await load(m);
    const keep = button(m, /^Keep visit REFXXXR1/);
    keep.focus();
    keep.click();
    await waitUntil(() => m.find('tr[data-visit-id="r1"]') === null);
    expect(m.api.callsTo('POST /staff/visits/r1/review')[0]!.body).to.deep.equal({ decision: 'keep' });
    await waitUntil(() => m.text().includes('Visit kept. The family has been told.'));
    await waitUntil(() => deepActive()?.localName === 'button');

    button(m, /^Cancel visit REFXXXR2/).click();
    const dialog = m.find<HTMLDialogElement>('dialog#review-cancel')!;
    await waitUntil(() => dialog.open);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLTextAreaElement>('#review-note')!.value = 'Cannot be closed in time';
    button(m, 'Yes, cancel the visit').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/visits/r2/review')[0]!.body).to.deep.equal({
      decision: 'cancel',
      note: 'Cannot be closed in time',
    });
    await waitUntil(() => m.find('tr[data-visit-id="r2"]') === null);
  });

  it('refreshes when the prison’s stream pushes a visit that is now flagged', async () => {
    const m = await mount({ tab: 'reviews' });
    let reviews = flagged();
    m.api.route('GET /staff/reviews', () => reviews);
    await load(m);
    await waitUntil(() => m.events.connected, 'event stream open');
    // a visit of another day, unflagged and not listed: nothing to do
    m.events.push(
      'visit',
      visit('z1', { start: '2030-01-01T10:00:00.000Z', end: '2030-01-01T10:30:00.000Z' }),
    );
    const moved = visit('r3', {
      reference: 'NEWFLAG3',
      review: {
        reason: 'prisoner-moved',
        since: at,
        facts: [{ eventId: 'e9', type: 'prisoner-transferred', detail: 'Transferred', at }],
      },
    });
    reviews = [...reviews, moved];
    m.events.push('visit', moved);
    await waitUntil(() => m.find('tr[data-visit-id="r3"]') !== null, 'the new flag listed');
    await waitUntil(() => m.find('#tab-reviews')!.textContent!.trim() === 'Needs review (3)', 'the count');
  });

  it('handles a visit another officer just decided (409): says so and refreshes', async () => {
    const m = await mount({ tab: 'reviews' });
    let reviews = flagged();
    m.api.route('GET /staff/reviews', () => reviews);
    m.api.route('POST /staff/visits/{visitId}/review', () => {
      reviews = reviews.filter((v) => v.id !== 'r1');
      return problem(409, 'conflict', { detail: 'That visit is not waiting for a review.' });
    });
    await load(m);
    button(m, /^Keep visit REFXXXR1/).click();
    await waitUntil(() => m.text().includes('Someone has already decided this visit.'));
    await waitUntil(() => m.find('tr[data-visit-id="r1"]') === null, 'the list was reloaded');
    expect(m.find('[role="alert"]')).to.not.equal(null);
    await expect(m.el).to.be.accessible();
  });

  it('speaks Welsh', async () => {
    const m = await mount({ tab: 'reviews', lang: 'cy' });
    m.api.route('GET /staff/reviews', () => flagged());
    await load(m);
    await waitUntil(() => m.text().includes('Ymweliadau sydd angen eu hadolygu'));
    expect(m.find('tr[data-visit-id="r1"]')!.textContent).to.contain('Wedi’i drosglwyddo');
    expect(m.find('#tab-reviews')!.textContent!.trim()).to.equal('Angen adolygu (2)');
    await expect(m.el).to.be.accessible();
  });
});
