import type { VisitStaffActionEvent } from '../../../src/core/events/visit-staff-action.js';
import type { StaffVisit } from '../../../src/api/staff.js';
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { problem } from '../../support/fake-api.js';
import { callState, DAY, visit } from '../../support/fake-staff-api.js';
import { button, deepActive, mount, settle } from './helpers.js';

function waiting(id: string, minute: number, extra: Partial<StaffVisit> = {}) {
  return visit(id, {
    callState: callState(id, 'waiting', { prisonerReady: id === 'a' }),
    knockedAt: `${DAY}T13:${String(minute).padStart(2, '0')}:00.000Z`,
    ...extra,
  });
}

describe('<visit-staff-console> Waiting', () => {
  it('shows who knocked, in order, with the booking’s names, ages and relationships', async () => {
    const family = waiting('a', 50, {
      visitors: [
        { id: 'v1', firstName: 'Sam', lastName: 'Taylor', dateOfBirth: '1990-03-02', age: 36, lead: true },
        { id: 'v2', firstName: 'Mia', lastName: 'Taylor', dateOfBirth: '2019-05-01', age: 7, lead: false },
      ],
      links: { v1: 'Sister', v2: 'Niece' },
      supportNeeds: 'Wheelchair user',
    });
    const m = await mount({ tab: 'waiting', visits: [waiting('b', 55), family, visit('c')] });
    const entries = m.findAll('.queue li');
    expect(entries.map((li) => li.dataset.visitId)).to.deep.equal(['a', 'b']);
    expect(entries[0]!.textContent).to.contain('waiting since 13:50');
    expect(entries[0]!.textContent).to.contain('Person in prison ready');
    expect(entries[1]!.textContent).to.contain('Person in prison not ready yet');
    const detail = m.find('.detail')!;
    expect(detail.textContent).to.contain('Booking REFXXXXA');
    const rows = [...detail.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).to.deep.equal([
      ['Sam Taylor (lead visitor)', '36 years', 'Sister'],
      ['Mia Taylor', '7 years', 'Niece'],
    ]);
    expect(detail.textContent).to.contain('Wheelchair user');
    // Without a LiveKit server in this test the camera says so rather than spinning for ever.
    await waitUntil(() => m.text().includes('The visitor’s camera could not be shown.'));
    await expect(m.el).to.be.accessible();
  });

  it('admits the selected visitor, tells the host page, and moves on to the next person', async () => {
    const m = await mount({
      tab: 'waiting',
      visits: [waiting('a', 50), waiting('b', 55)],
      routes: { 'POST /staff/visits/{visitId}/admit': (r) => callState(r.params.visitId!, 'admitted') },
    });
    const admitted = oneEvent(m.el, 'visit-staff-action');
    button(m, 'Admit Sam Taylora').click();
    expect(((await admitted) as unknown as VisitStaffActionEvent).subjectId).to.equal('a');
    expect(m.api.callsTo('POST /staff/visits/a/admit')).to.have.length(1);
    await settle(m.el);
    expect(m.findAll('.queue li').map((li) => li.dataset.visitId)).to.deep.equal(['b']);
    expect(m.find('#tab-waiting')!.textContent!.trim()).to.equal('Waiting (1)');
    await waitUntil(
      () => deepActive()?.closest('li')?.dataset.visitId === 'b',
      'focus moves to the next visitor',
    );
    expect(m.find('#tab-monitor')!.textContent!.trim()).to.equal('Live calls (1)');
  });

  it('explains when the visitor already left the waiting room (409 not-waiting)', async () => {
    let visits = [waiting('a', 50)];
    const m = await mount({
      tab: 'waiting',
      visits,
      routes: {
        'POST /staff/visits/{visitId}/admit': () => {
          visits = [visit('a', { callState: callState('a', 'open') })];
          m.visits.splice(0, 1, ...visits);
          return problem(409, 'not-waiting', { detail: 'The visitor is not waiting.' });
        },
      },
    });
    button(m, 'Admit Sam Taylora').click();
    await waitUntil(() => m.text().includes('Sam Taylora has already left the waiting room.'));
    // The list was reloaded: nobody is waiting any more.
    expect(m.api.callsTo('GET /staff/visits').length).to.be.greaterThan(1);
    await waitUntil(() => m.text().includes('Nobody is waiting.'));
    expect(m.find('[role="alert"]')!.textContent).to.contain('already left');
    await expect(m.el).to.be.accessible();
  });

  it('denies with a reason from the list (and a note when the reason is “other”)', async () => {
    const m = await mount({
      tab: 'waiting',
      visits: [waiting('a', 50)],
      routes: { 'POST /staff/visits/{visitId}/deny': (r) => callState(r.params.visitId!, 'denied') },
    });
    const opener = button(m, 'Deny Sam Taylora');
    opener.focus();
    opener.click();
    const dialog = m.find<HTMLDialogElement>('dialog#deny')!;
    await waitUntil(() => dialog.open);
    await expect(m.el).to.be.accessible();
    button(m, 'Deny visitor').click();
    await waitUntil(() => dialog.textContent!.includes('Choose a reason'));
    expect(m.api.callsTo('POST /staff/visits/{visitId}/deny')).to.have.length(0);
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLInputElement>('#deny-other')!.click();
    button(m, 'Deny visitor').click();
    await waitUntil(() => dialog.textContent!.includes('Explain the reason'));
    dialog.querySelector<HTMLTextAreaElement>('#deny-note')!.value = 'Refused to show face';
    button(m, 'Deny visitor').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/visits/{visitId}/deny')[0]!.body).to.deep.equal({
      reason: 'other',
      note: 'Refused to show face',
    });
    await settle(m.el);
    expect(m.text()).to.contain('Nobody is waiting.');
  });

  it('works from the keyboard: ↓ chooses the next visitor, a admits, d opens deny', async () => {
    const m = await mount({
      tab: 'waiting',
      visits: [waiting('a', 50), waiting('b', 55)],
      routes: { 'POST /staff/visits/{visitId}/admit': (r) => callState(r.params.visitId!, 'admitted') },
    });
    m.find<HTMLButtonElement>('.queue li[data-visit-id="a"] button')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(m.el);
    expect(m.find('.queue li[data-visit-id="b"] button')!.getAttribute('aria-current')).to.equal('true');
    expect(deepActive()).to.equal(m.find('.queue li[data-visit-id="b"] button'));
    await sendKeys({ press: 'd' });
    const dialog = m.find<HTMLDialogElement>('dialog#deny')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.contain('Deny Sam Taylorb');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    expect(deepActive()).to.equal(m.find('.queue li[data-visit-id="b"] button'));
    await sendKeys({ press: 'a' });
    await waitUntil(() => m.api.callsTo('POST /staff/visits/b/admit').length === 1);
  });

  it('opens the right visitor from Today', async () => {
    const m = await mount({ visits: [waiting('a', 50), waiting('b', 55)] });
    button(m, 'Check Sam Taylorb').click();
    await waitUntil(() => m.el.tab === 'waiting');
    await settle(m.el);
    expect(m.find('.queue li[data-visit-id="b"] button')!.getAttribute('aria-current')).to.equal('true');
  });
});
