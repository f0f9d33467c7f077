import type { VisitStaffActionEvent } from '../../../src/core/events/visit-staff-action.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { VisitClient } from '../../../src/api/client.js';
import type { VisitStaffConsole } from '../../../src/elements/staff-console/staff-console.js';
import { problem } from '../../support/fake-api.js';
import { callState, DAY, visit } from '../../support/fake-staff-api.js';
import { button, deepActive, mount, settle } from './helpers.js';

describe('<visit-staff-console> Today', () => {
  it('lists the day’s visits by session with their status, and is accessible', async () => {
    const m = await mount({
      visits: [
        visit('a'),
        visit('b', { callState: callState('b', 'waiting'), knockedAt: `${DAY}T13:50:00.000Z` }),
        visit('c', {
          start: `${DAY}T09:00:00.000Z`,
          end: `${DAY}T10:00:00.000Z`,
          type: 'in-person',
          call: undefined,
        }),
        visit('d', { status: 'cancelled' }),
      ],
    });
    const tables = m.findAll('table[part="table"]');
    expect(tables).to.have.length(2);
    // The morning in-person session comes first.
    expect(tables[0]!.querySelector('caption')!.textContent).to.match(
      /09:00 to 10:00, In-person visit,\s+1 visit/,
    );
    expect(tables[1]!.querySelector('caption')!.textContent).to.match(
      /14:00 to 14:30, Video visit,\s+3 visits/,
    );
    const statusOf = (id: string) => m.find(`tr[data-visit-id="${id}"] .badge`)!.textContent!.trim();
    expect(statusOf('a')).to.equal('Booked');
    expect(statusOf('b')).to.equal('Waiting');
    expect(statusOf('d')).to.equal('Cancelled');
    expect(m.text()).to.match(/Visits on Tuesday,? 1 December 2026/);
    expect(m.find('#tab-waiting')!.textContent!.trim()).to.equal('Waiting (1)');
    await expect(m.el).to.be.accessible();
  });

  it('filters by visit type and changes day through the backend', async () => {
    const m = await mount({ visits: [visit('a'), visit('c', { type: 'in-person' })] });
    const select = m.find<HTMLSelectElement>('#type')!;
    select.value = 'in-person';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => m.api.callsTo('GET /staff/visits').length === 2);
    expect(m.api.callsTo('GET /staff/visits')[1]!.query.get('type')).to.equal('in-person');
    await settle(m.el);
    expect(m.findAll('tr[data-visit-id]').map((row) => row.dataset.visitId)).to.deep.equal(['c']);

    const date = m.find<HTMLInputElement>('#date')!;
    date.value = '2026-12-02';
    date.dispatchEvent(new Event('change'));
    await waitUntil(() => m.api.callsTo('GET /staff/visits').length === 3);
    expect(m.api.callsTo('GET /staff/visits')[2]!.query.get('date')).to.equal('2026-12-02');
  });

  it('updates live from /staff/events: a knock shows at once and is announced', async () => {
    const m = await mount({ visits: [visit('a')] });
    await waitUntil(() => m.events.connected, 'event stream open');
    await waitUntil(() => m.text().includes('Live updates on'));
    m.events.push('state', callState('a', 'waiting'));
    await waitUntil(() => m.find('tr[data-visit-id="a"] .badge')?.textContent?.trim() === 'Waiting');
    expect(m.find('#tab-waiting')!.textContent!.trim()).to.equal('Waiting (1)');
    await waitUntil(() =>
      m.el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Sam Taylora is waiting'),
    );
    // A whole StaffVisit for a visit booked a moment ago is added.
    m.events.push('visit', visit('z', { reference: 'NEWVISIT' }));
    await waitUntil(() => m.find('tr[data-visit-id="z"]') !== null);
    // Visits of other days are ignored.
    m.events.push(
      'visit',
      visit('y', { start: '2026-12-05T14:00:00.000Z', end: '2026-12-05T14:30:00.000Z' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(m.find('tr[data-visit-id="y"]')).to.equal(null);
  });

  it('says when the day could not be loaded, and retries', async () => {
    let fail = true;
    const m = await mount({
      routes: {
        'GET /staff/visits': () => (fail ? problem(500, 'internal', { detail: 'Database down' }) : []),
      },
    });
    await waitUntil(() => m.text().includes('could not be loaded'));
    expect(m.text()).to.contain('Database down');
    await expect(m.el).to.be.accessible();
    fail = false;
    button(m, 'Try again').click();
    await waitUntil(() => m.text().includes('No visits on this day.'));
  });

  it('records an outcome for an ended call, showing the lost time credited', async () => {
    const ended = visit('e', {
      callState: callState('e', 'ended', { endReason: 'ended-by-staff', creditedSeconds: 180 }),
    });
    const m = await mount({ visits: [ended] });
    const open = button(m, 'Record outcome for REFXXXXE');
    open.focus();
    open.click();
    await waitUntil(() => m.find<HTMLDialogElement>('dialog#outcome')?.open);
    const dialog = m.find<HTMLDialogElement>('dialog#outcome')!;
    expect(dialog.textContent).to.contain('Lost time credited: 3 minutes');
    expect(dialog.textContent).to.contain('How it ended: ended by staff');
    // The likely outcome is chosen already.
    expect(dialog.querySelector<HTMLInputElement>('#outcome-terminated')!.checked).to.equal(true);
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLTextAreaElement>('#outcome-notes')!.value = 'Phone shown on camera';
    const saved = oneEvent(m.el, 'visit-staff-action');
    button(m, 'Save outcome').click();
    const event = (await saved) as unknown as VisitStaffActionEvent;
    expect(event.action).to.equal('outcome');
    expect(m.api.callsTo('POST /staff/visits/{visitId}/outcome')[0]!.body).to.deep.equal({
      outcome: 'terminated',
      notes: 'Phone shown on camera',
    });
    await waitUntil(() => !dialog.open);
    await settle(m.el);
    expect(m.find('tr[data-visit-id="e"]')!.textContent).to.contain('Ended by staff');
    expect(m.find('tr[data-visit-id="e"]')!.textContent).to.contain('Phone shown on camera');
  });

  it('explains when another officer recorded the outcome first', async () => {
    const m = await mount({
      visits: [visit('e', { callState: callState('e', 'ended', { endReason: 'time-up' }) })],
      routes: { 'POST /staff/visits/{visitId}/outcome': () => problem(409, 'already-decided') },
    });
    button(m, 'Record outcome for REFXXXXE').click();
    await waitUntil(() => m.find<HTMLDialogElement>('dialog#outcome')?.open);
    button(m, 'Save outcome').click();
    await waitUntil(() => m.text().includes('An outcome was already recorded for REFXXXXE.'));
    await expect(m.el).to.be.accessible();
  });
});

describe('<visit-staff-console> shell', () => {
  it('tabs follow the ARIA pattern: roving tabindex, arrows, Home/End, Alt+number', async () => {
    const m = await mount({ visits: [] });
    const tab = (name: string) => m.find(`#tab-${name}`)!;
    expect(tab('today').getAttribute('aria-selected')).to.equal('true');
    expect(tab('today').tabIndex).to.equal(0);
    expect(tab('waiting').tabIndex).to.equal(-1);
    tab('today').focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(m.el);
    expect(m.el.tab).to.equal('waiting');
    expect(deepActive()).to.equal(tab('waiting'));
    expect(m.find('#panel-today')!.hidden).to.equal(true);
    await sendKeys({ press: 'End' });
    await settle(m.el);
    // the last section: phone bookings
    expect(deepActive()).to.equal(tab('phone'));
    await sendKeys({ press: 'ArrowRight' });
    expect(m.el.tab).to.equal('today');
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: '3' });
    await sendKeys({ up: 'Alt' });
    await settle(m.el);
    expect(m.el.tab).to.equal('monitor');
    expect(deepActive()).to.equal(tab('monitor'));
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: '7' });
    await sendKeys({ up: 'Alt' });
    await settle(m.el);
    expect(m.el.tab).to.equal('phone');
    await expect(m.el).to.be.accessible();
  });

  it('lists the keyboard shortcuts on ? and gives focus back when closed', async () => {
    const m = await mount({ visits: [] });
    m.find('#tab-today')!.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Slash' });
    await sendKeys({ up: 'Shift' });
    const dialog = m.find<HTMLDialogElement>('dialog#shortcuts')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.contain('Admit the selected visitor');
    await expect(m.el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    expect(deepActive()).to.equal(m.find('#tab-today'));
  });

  it('asks staff to sign in when there is no session', async () => {
    const el = await fixture<VisitStaffConsole>(
      html`<visit-staff-console
        .client=${new VisitClient({ baseUrl: 'https://x.test' })}
      ></visit-staff-console>`,
    );
    expect(el.shadowRoot!.textContent).to.contain('Sign in with a staff account');
    await expect(el).to.be.accessible();
  });

  it('degrades on a tablet: the waiting list stacks above the booking, nothing scrolls sideways', async () => {
    await setViewport({ width: 768, height: 1024 });
    try {
      const m = await mount({
        tab: 'waiting',
        visits: [visit('a', { callState: callState('a', 'waiting'), knockedAt: `${DAY}T13:50:00.000Z` })],
      });
      const queue = m.find('.queue')!.getBoundingClientRect();
      const detail = m.find('.detail')!.getBoundingClientRect();
      expect(detail.top).to.be.greaterThan(queue.bottom - 1);
      expect(m.el.scrollWidth).to.be.at.most(768);
      await expect(m.el).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('speaks Welsh', async () => {
    const m = await mount({ lang: 'cy', visits: [visit('a', { callState: callState('a', 'in-call') })] });
    expect(m.find('#tab-monitor')!.textContent!.trim()).to.equal('Galwadau byw (1)');
    expect(m.text()).to.contain('14:00 i 14:30, Ymweliad fideo');
    expect(m.find('tr[data-visit-id="a"] .badge')!.textContent!.trim()).to.equal('Mewn galwad');
    await expect(m.el).to.be.accessible();
  });
});

describe('<visit-staff-console> Today: how each call ended', () => {
  it('shows the call outcome the server recorded, with the reason, in the outcome column', async () => {
    const at = `${DAY}T14:10:00.000Z`;
    const m = await mount({
      visits: [
        visit('e', {
          status: 'completed',
          callState: { ...callState('e', 'ended'), endReason: 'ended-by-staff', staffReason: 'behaviour' },
          callOutcome: { result: 'ended-by-staff', staffReason: 'behaviour', at },
        }),
        visit('n', {
          status: 'completed',
          callState: callState('n', 'ended'),
          callOutcome: { result: 'visitor-no-show', at },
        }),
      ],
    });
    const row = (id: string) => m.find(`tr[data-visit-id="${id}"]`)!;
    expect(row('e').querySelector('[data-call-outcome]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Call: ended by staff (Behaviour)',
    );
    expect(row('n').textContent).to.contain('Call: the visitor did not join');
    expect(row('n').querySelector('.badge')!.textContent!.trim()).to.equal('No-show');
    await expect(m.el).to.be.accessible();
  });
});
