// The console's erasure requests (Approvals tab): erase only after a confirmation, refuse only with a reason
// the person is shown, and another officer's decision first (409) explained and refreshed.
import { expect, waitUntil } from '@open-wc/testing';
import type { StaffErasureRequest } from '../../../src/api/staff.js';
import { problem } from '../../support/fake-api.js';
import { button, mount, settle, type Mounted } from './helpers.js';

function request(overrides: Partial<StaffErasureRequest> = {}): StaffErasureRequest {
  return {
    id: 'er1',
    status: 'requested',
    reason: null,
    requestedAt: '2026-11-30T09:00:00.000Z',
    decidedAt: null,
    kept: [],
    userId: 'u1',
    email: 'ceri@example.org',
    name: 'Ceri Jones',
    prisonCodes: ['NMI'],
    visits: 3,
    heldVisits: ['v9'],
    ...overrides,
  };
}

async function withRequests(m: Mounted, requests: StaffErasureRequest[]): Promise<void> {
  m.api.route('GET /staff/erasure-requests', () => requests);
  await (m.find('visit-staff-erasure-panel') as unknown as { load(): Promise<void> }).load();
  await settle(m.el);
}

describe('<visit-staff-console> erasure requests', () => {
  it('lists requests with what the prison holds and what a hold keeps; says when there are none; accessible', async () => {
    const m = await mount({ tab: 'approvals' });
    await waitUntil(() => m.text().includes('No requests waiting.'), 'empty state');
    expect(m.api.callsTo('GET /staff/erasure-requests')[0]!.query.get('status')).to.equal('requested');
    await withRequests(m, [request()]);
    const row = m.find('tr[data-request-id="er1"]')!;
    expect(row.textContent).to.contain('Ceri Jones ceri@example.org asked on');
    expect(row.textContent).to.contain('3 visits held');
    expect(row.textContent).to.contain('1 visit is kept: a legal hold or an incident');
    await expect(m.el).to.be.accessible();
  });

  it('erases only after the confirmation, and refuses only with a reason', async () => {
    const m = await mount({
      tab: 'approvals',
      routes: { 'POST /staff/erasure-requests/{requestId}/decision': { id: 'er1', status: 'erased' } },
    });
    await withRequests(m, [request(), request({ id: 'er2', name: 'Sam Taylor', email: 'sam@example.org' })]);
    button(m, 'Erase the data of Ceri Jones').click();
    const dialog = m.find<HTMLDialogElement>('dialog#erasure')!;
    await waitUntil(() => dialog.open);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(dialog.textContent).to.contain('This cannot be undone.');
    expect(m.api.callsTo('POST /staff/erasure-requests/{requestId}/decision')).to.have.length(0);
    await expect(m.el).to.be.accessible();
    button(m, 'Erase data').click();
    await waitUntil(() => !dialog.open && m.find('tr[data-request-id="er1"]') === null);
    expect(m.api.callsTo('POST /staff/erasure-requests/er1/decision')[0]!.body).to.deep.equal({
      decision: 'erase',
    });

    button(m, 'Refuse to erase the data of Sam Taylor').click();
    await waitUntil(() => dialog.open);
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => dialog.textContent!.includes('Give a reason'));
    expect(m.api.callsTo('POST /staff/erasure-requests/er2/decision')).to.have.length(0);
    dialog.querySelector<HTMLTextAreaElement>('#erasure-reason')!.value =
      'A complaint about this visit is open.';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/erasure-requests/er2/decision')[0]!.body).to.deep.equal({
      decision: 'refuse',
      reason: 'A complaint about this visit is open.',
    });
    await waitUntil(() => m.text().includes('No requests waiting.'));
  });

  it('says so when another officer decided first (409 already-decided) and refreshes', async () => {
    const m = await mount({ tab: 'approvals' });
    let requests = [request()];
    await withRequests(m, requests);
    m.api.route('GET /staff/erasure-requests', () => requests);
    m.api.route('POST /staff/erasure-requests/{requestId}/decision', () => {
      requests = [];
      return problem(409, 'already-decided', { detail: 'Already decided.' });
    });
    button(m, 'Erase the data of Ceri Jones').click();
    await waitUntil(() => m.find<HTMLDialogElement>('dialog#erasure')!.open);
    button(m, 'Erase data').click();
    await waitUntil(() => m.text().includes('Another member of staff has already decided this request.'));
    await waitUntil(() => m.find('tr[data-request-id="er1"]') === null, 'the list was reloaded');
    await expect(m.el).to.be.accessible();
  });
});
