import { expect, waitUntil } from '@open-wc/testing';
import { problem } from '../../support/fake-api.js';
import { pendingApprovals, visit } from '../../support/fake-staff-api.js';
import { button, deepActive, mount, settle } from './helpers.js';

const approvals = pendingApprovals;

describe('<visit-staff-console> Approvals', () => {
  it('lists pending link requests, visitors and bookings, flags unmatched details; accessible', async () => {
    const m = await mount({ tab: 'approvals' });
    m.approvals = approvals();
    m.api.route('GET /staff/approvals', () => m.approvals);
    await (m.find('visit-staff-approvals-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    expect(m.text()).to.contain('Ceri Jones asks to visit Alex Brown (A1234BC) as Mother');
    expect(m.text()).to.contain('Mia Jones, born 1 Jun 2015, to come on visits as Daughter');
    expect(m.text()).to.contain('REQ23456: Alex Prisonerr');
    expect(m.find('tr[data-request-id="l2"]')!.textContent).to.contain('do not match anyone in this prison');
    expect(m.find('tr[data-request-id="l1"]')!.textContent).to.not.contain('do not match');
    expect(m.find('#tab-approvals')!.textContent!.trim()).to.equal('Approvals (4)');
    await expect(m.el).to.be.accessible();
  });

  it('approves with one press, and rejects only with a reason the family is told', async () => {
    const m = await mount({
      tab: 'approvals',
      routes: {
        'POST /staff/links/{linkId}/decision': { id: 'l1', status: 'approved' },
        'POST /staff/bookings/{visitId}/decision': { id: 'r', status: 'rejected' },
      },
    });
    m.approvals = approvals();
    m.api.route('GET /staff/approvals', () => m.approvals);
    await (m.find('visit-staff-approvals-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    const approve = button(m, /^Approve: Ceri Jones/);
    approve.focus();
    approve.click();
    await waitUntil(() => m.find('tr[data-request-id="l1"]') === null);
    expect(m.api.callsTo('POST /staff/links/l1/decision')[0]!.body).to.deep.equal({ decision: 'approve' });
    // Focus stays in the list rather than falling to the page.
    await waitUntil(() => deepActive()?.localName === 'button');

    button(m, /^Reject: REQ23456/).click();
    const dialog = m.find<HTMLDialogElement>('dialog#reject')!;
    await waitUntil(() => dialog.open);
    button(m, 'Reject request').click();
    await waitUntil(() => dialog.textContent!.includes('Give a reason'));
    expect(m.api.callsTo('POST /staff/bookings/{visitId}/decision')).to.have.length(0);
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLTextAreaElement>('#reject-reason')!.value = 'Closed visits only';
    button(m, 'Reject request').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/bookings/r/decision')[0]!.body).to.deep.equal({
      decision: 'reject',
      reason: 'Closed visits only',
    });
  });

  it('handles a request another officer just decided (409 already-decided): says so and refreshes', async () => {
    const m = await mount({ tab: 'approvals' });
    m.approvals = approvals();
    m.api.route('GET /staff/approvals', () => m.approvals);
    m.api.route('POST /staff/links/{linkId}/decision', () => {
      m.approvals = { ...m.approvals, links: m.approvals.links.filter((link) => link.id !== 'l1') };
      return problem(409, 'already-decided', { detail: 'This has already been decided.' });
    });
    await (m.find('visit-staff-approvals-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    button(m, /^Approve: Ceri Jones/).click();
    await waitUntil(() => m.text().includes('Another officer has already decided this request.'));
    await waitUntil(() => m.find('tr[data-request-id="l1"]') === null, 'the list was reloaded');
    expect(m.find('[role="alert"]')).to.not.equal(null);
    await expect(m.el).to.be.accessible();
  });
});

const template = {
  id: 't1',
  type: 'video' as const,
  dayOfWeek: 2,
  startTime: '14:00',
  endTime: '14:30',
  validFrom: '2026-11-01',
  capacity: 4,
  active: true,
};

describe('<visit-staff-console> Planning', () => {
  it('lists session templates and excluded dates; accessible', async () => {
    const m = await mount({ tab: 'planning' });
    m.templates.push(template, {
      ...template,
      id: 't2',
      dayOfWeek: 1,
      type: 'in-person',
      capacity: 20,
      validTo: '2027-03-31',
    });
    m.excluded.push({ date: '2026-12-25', reason: 'Christmas Day' });
    await (m.find('visit-staff-planning-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    const rows = m
      .findAll('tr[data-template-id]')
      .map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => cell.textContent!.trim()));
    expect(rows).to.deep.equal([
      ['Monday', '14:00–14:30', 'In-person visit', '20'],
      ['Tuesday', '14:00–14:30', 'Video visit', '4'],
    ]);
    expect(m.text()).to.match(/25 Dec 2026\s*: Christmas Day/);
    await expect(m.el).to.be.accessible();
  });

  it('checks a new session before sending it (error summary, then fields)', async () => {
    const m = await mount({
      tab: 'planning',
      routes: {
        'POST /staff/session-templates': (r) => ({ id: 'new', active: true, ...(r.body as object) }),
      },
    });
    button(m, 'Add session').click();
    const dialog = m.find<HTMLDialogElement>('dialog#template')!;
    await waitUntil(() => dialog.open);
    const set = (id: string, value: string) =>
      (dialog.querySelector<HTMLInputElement>(`#${id}`)!.value = value);
    set('tpl-startTime', '15:00');
    set('tpl-endTime', '14:00');
    set('tpl-capacity', '0');
    button(m, 'Save session').click();
    await waitUntil(() => dialog.querySelector('.error-summary') !== null);
    expect(dialog.querySelector('.error-summary')!.textContent).to.contain(
      'The end time must be after the start time',
    );
    expect(dialog.querySelector('.error-summary')!.textContent).to.contain('Capacity must be a whole number');
    expect(deepActive()).to.equal(dialog.querySelector('.error-summary'));
    expect(m.api.callsTo('POST /staff/session-templates')).to.have.length(0);
    await expect(m.el).to.be.accessible();
    set('tpl-endTime', '16:00');
    set('tpl-capacity', '6');
    dialog.querySelector<HTMLSelectElement>('#tpl-dayOfWeek')!.value = '3';
    button(m, 'Save session').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/session-templates')[0]!.body).to.deep.include({
      type: 'video',
      dayOfWeek: 3,
      startTime: '15:00',
      endTime: '16:00',
      capacity: 6,
    });
  });

  it('warns before a change would strand booked visits, and confirms only when asked', async () => {
    const stranded = [visit('s', { reference: 'STRAND23' })];
    const m = await mount({
      tab: 'planning',
      routes: {
        'PATCH /staff/session-templates/{id}': (r) =>
          r.query.get('confirm') === 'true'
            ? { template: { ...template, capacity: 1 }, affectedVisits: stranded }
            : problem(409, 'would-strand', {
                detail: '1 booked visit(s) would no longer fit.',
                affectedVisits: stranded,
              }),
      },
    });
    m.templates.push(template);
    await (m.find('visit-staff-planning-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    button(m, 'Change Tuesday 14:00–14:30').click();
    const form = m.find<HTMLDialogElement>('dialog#template')!;
    await waitUntil(() => form.open);
    expect(form.querySelector<HTMLSelectElement>('#tpl-type')!.disabled).to.equal(true);
    form.querySelector<HTMLInputElement>('#tpl-capacity')!.value = '1';
    button(m, 'Save session').click();
    const strand = m.find<HTMLDialogElement>('dialog#strand')!;
    await waitUntil(() => strand.open);
    expect(strand.getAttribute('role')).to.equal('alertdialog');
    expect(strand.textContent).to.contain('1 booked visit no longer fits');
    expect(strand.textContent).to.contain('STRAND23');
    const first = m.api.callsTo('PATCH /staff/session-templates/{id}')[0]!;
    expect(first.query.get('confirm')).to.equal(null);
    expect(first.body).to.not.have.property('type');
    await expect(m.el).to.be.accessible();
    button(m, 'Make the change anyway').click();
    await waitUntil(() => !strand.open && !form.open);
    const second = m.api.callsTo('PATCH /staff/session-templates/{id}')[1]!;
    expect(second.query.get('confirm')).to.equal('true');
  });

  it('excludes a date (with the same strand warning) and removes one', async () => {
    const m = await mount({
      tab: 'planning',
      routes: {
        'POST /staff/excluded-dates': (r) =>
          r.query.get('confirm') === 'true'
            ? { excludedDate: r.body, affectedVisits: [] }
            : problem(409, 'would-strand', { affectedVisits: [visit('x', { reference: 'XMAS2345' })] }),
        'DELETE /staff/excluded-dates/{date}': new Response(null, { status: 204 }),
      },
    });
    m.excluded.push({ date: '2026-12-25', reason: 'Christmas Day' });
    await (m.find('visit-staff-planning-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    button(m, 'Exclude date').click();
    await settle(m.el);
    expect(m.text()).to.contain('Fill in this field');
    await expect(m.el).to.be.accessible();
    m.find<HTMLInputElement>('#exclude-date')!.value = '2026-12-26';
    m.find<HTMLInputElement>('#exclude-reason')!.value = 'Boxing Day';
    button(m, 'Exclude date').click();
    const strand = m.find<HTMLDialogElement>('dialog#strand')!;
    await waitUntil(() => strand.open);
    expect(strand.textContent).to.contain('XMAS2345');
    button(m, 'Cancel').click();
    await waitUntil(() => !strand.open);
    expect(m.api.callsTo('POST /staff/excluded-dates')).to.have.length(1);

    m.api.route('DELETE /staff/excluded-dates/{date}', () => new Response(null, { status: 204 }));
    button(m, 'Remove excluded date 25 Dec 2026').click();
    await waitUntil(() => m.api.callsTo('DELETE /staff/excluded-dates/2026-12-25').length === 1);
  });
});
