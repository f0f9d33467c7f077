import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { VisitStaffActionEvent } from '../../../src/core/events/visit-staff-action.js';
import { problem } from '../../support/fake-api.js';
import { callState, DAY, pendingApprovals, recorded, visit } from '../../support/fake-staff-api.js';
import { button, deepActive, mount, settle } from './helpers.js';

const trail = [
  {
    at: `${DAY}T14:31:00.000Z`,
    actor: 's1',
    role: 'staff',
    action: 'visit.outcome',
    subject: 'visit:e',
    channel: 'staff-portal',
    details: { outcome: 'completed' },
  },
  {
    at: `${DAY}T09:12:00.000Z`,
    actor: 'u1',
    role: 'visitor',
    action: 'visit.booked',
    subject: 'visit:e',
    channel: 'web',
    details: {},
  },
];

describe('<visit-staff-console> visit history (audit trail)', () => {
  it('lists every change to a visit, newest first, with who and through which channel; accessible', async () => {
    const m = await mount({ visits: [visit('e')], routes: { 'GET /staff/audit': trail } });
    const open = button(m, 'History of visit REFXXXXE');
    open.focus();
    open.click();
    const dialog = m.find<HTMLDialogElement>('dialog#audit')!;
    await waitUntil(() => dialog.open && dialog.querySelector('tbody tr'));
    const call = m.api.callsTo('GET /staff/audit')[0]!;
    expect(call.query.get('visitId')).to.equal('e');
    const rows = [...dialog.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).to.deep.equal([
      ['Tue 1 Dec 14:31', 'visit.outcome outcome: completed', 'Staff', 'staff-portal'],
      ['Tue 1 Dec 09:12', 'visit.booked', 'Family', 'web'],
    ]);
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('.dialog-actions button')!.click();
    await waitUntil(() => !dialog.open);
    // Focus goes back to the button that opened the history.
    await waitUntil(() => deepActive() === open);
  });

  it('says when nothing is recorded, and offers a retry when the trail cannot be loaded', async () => {
    let fail = true;
    const m = await mount({
      visits: [visit('e')],
      routes: { 'GET /staff/audit': () => (fail ? problem(500, 'internal') : []) },
    });
    button(m, 'History of visit REFXXXXE').click();
    const dialog = m.find<HTMLDialogElement>('dialog#audit')!;
    await waitUntil(() => dialog.textContent!.includes('The history could not be loaded.'));
    await expect(m.el).to.be.accessible();
    fail = false;
    button(m, 'Try again').click();
    await waitUntil(() => dialog.textContent!.includes('Nothing has been recorded for this visit yet.'));
    await expect(m.el).to.be.accessible();
  });
});

describe('<visit-staff-console> kiosk pairing', () => {
  it('asks for a device name, then shows the one-time code and until when it works; accessible', async () => {
    const m = await mount({
      visits: [visit('a')],
      routes: {
        'POST /staff/devices': { id: 'd1', pairingCode: 'H7KM-3QPX', expiresAt: `${DAY}T14:45:00.000Z` },
      },
    });
    button(m, 'Pair a kiosk for Alex Prisonera').click();
    const dialog = m.find<HTMLDialogElement>('dialog#kiosk')!;
    await waitUntil(() => dialog.open);
    await expect(m.el).to.be.accessible();
    button(m, 'Get pairing code').click();
    await waitUntil(() => dialog.textContent!.includes('Enter a device name'));
    expect(m.api.callsTo('POST /staff/devices')).to.have.length(0);
    expect(deepActive()?.id).to.equal('kiosk-label');
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLInputElement>('#kiosk-label')!.value = 'Wing B kiosk 2';
    const acted = oneEvent(m.el, 'visit-staff-action');
    button(m, 'Get pairing code').click();
    const event = (await acted) as unknown as VisitStaffActionEvent;
    expect(event.action).to.equal('pairing');
    expect(event.subjectId).to.equal('p-a');
    expect(m.api.callsTo('POST /staff/devices')[0]!.body).to.deep.equal({
      prisonerId: 'p-a',
      label: 'Wing B kiosk 2',
    });
    await waitUntil(() => dialog.textContent!.includes('H7KM-3QPX'));
    expect(dialog.textContent).to.contain('Enter it on the device before 14:45');
    expect(deepActive()?.textContent).to.equal('H7KM-3QPX');
    await expect(m.el).to.be.accessible();
  });

  it('lists the devices already paired for the person and removes one; accessible', async () => {
    let devices = [
      {
        id: 'd1',
        label: 'Wing B kiosk 2',
        prisoner: { id: 'p-a', prisonNumber: 'A1234BC', firstName: 'Alex', lastName: 'Prisonera' },
        createdAt: `${DAY}T08:00:00.000Z`,
        pairedAt: `${DAY}T08:05:00.000Z`,
        pairingExpiresAt: `${DAY}T08:15:00.000Z`,
        reusable: false,
        lastSeenAt: `${DAY}T09:30:00.000Z`,
      },
      {
        id: 'd2',
        label: 'Someone else’s tablet',
        prisoner: { id: 'p-z', prisonNumber: 'Z9999ZZ', firstName: 'Zed', lastName: 'Other' },
        createdAt: `${DAY}T08:00:00.000Z`,
        pairedAt: `${DAY}T08:05:00.000Z`,
        pairingExpiresAt: `${DAY}T08:15:00.000Z`,
        reusable: false,
      },
    ];
    const m = await mount({
      visits: [visit('a')],
      routes: {
        'GET /staff/devices': () => devices,
        'DELETE /staff/devices/{deviceId}': (request) => {
          devices = devices.filter((d) => d.id !== request.params.deviceId);
          return new Response(null, { status: 204 });
        },
      },
    });
    button(m, 'Pair a kiosk for Alex Prisonera').click();
    const dialog = m.find<HTMLDialogElement>('dialog#kiosk')!;
    await waitUntil(() => dialog.open && dialog.textContent!.includes('Wing B kiosk 2'));
    expect(dialog.textContent).to.contain('Devices paired for Alex Prisonera');
    expect(dialog.textContent).to.contain('last used 09:30');
    expect(dialog.textContent).to.not.contain('Someone else’s tablet');
    await expect(m.el).to.be.accessible();
    button(m, 'Remove “Wing B kiosk 2”').click();
    await waitUntil(() => dialog.textContent!.includes('None yet.'));
    expect(m.api.callsTo('DELETE /staff/devices/{deviceId}')).to.have.length(1);
    await waitUntil(() => m.text().includes('“Wing B kiosk 2” removed. It is signed out within seconds.'));
    expect(deepActive()?.id).to.equal('kiosk-devices-title');
    await expect(m.el).to.be.accessible();
  });

  it('keeps the form and explains when the backend refuses', async () => {
    const m = await mount({
      visits: [visit('a')],
      routes: {
        'POST /staff/devices': () => problem(404, 'not-found', { detail: 'That person is not here.' }),
      },
    });
    button(m, 'Pair a kiosk for Alex Prisonera').click();
    const dialog = m.find<HTMLDialogElement>('dialog#kiosk')!;
    await waitUntil(() => dialog.open);
    dialog.querySelector<HTMLInputElement>('#kiosk-label')!.value = 'Wing B kiosk 2';
    button(m, 'Get pairing code').click();
    await waitUntil(() => dialog.querySelector('[role="alert"]'));
    expect(dialog.querySelector('#kiosk-label')).to.not.equal(null);
    await expect(m.el).to.be.accessible();
  });

  it('speaks Welsh', async () => {
    const m = await mount({ visits: [visit('a')], lang: 'cy' });
    button(m, 'Paru ciosg ar gyfer Alex Prisonera').click();
    const dialog = m.find<HTMLDialogElement>('dialog#kiosk')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.contain('Enw’r ddyfais');
    await expect(m.el).to.be.accessible();
  });
});

describe('<visit-staff-console> outcome already recorded', () => {
  it('says what another officer recorded (409 already-recorded) and replaces it only when asked', async () => {
    const ended = visit('e', { callState: callState('e', 'ended', { endReason: 'time-up' }) });
    const m = await mount({ visits: [ended] });
    button(m, 'Record outcome for REFXXXXE').click();
    const dialog = m.find<HTMLDialogElement>('dialog#outcome')!;
    await waitUntil(() => dialog.open);
    // Meanwhile another officer recorded a no-show.
    m.visits[0] = { ...ended, outcome: recorded('visitor-no-show') };
    button(m, 'Save outcome').click();
    await waitUntil(() =>
      dialog.textContent!.includes('An outcome was already recorded for REFXXXXE: Visitor did not arrive.'),
    );
    expect(m.api.callsTo('POST /staff/visits/{visitId}/outcome')[0]!.body).to.deep.equal({
      outcome: 'completed',
    });
    expect(dialog.open).to.equal(true);
    await expect(m.el).to.be.accessible();
    button(m, 'Replace recorded outcome').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/visits/{visitId}/outcome')[1]!.body).to.deep.equal({
      outcome: 'completed',
      amend: true,
    });
    await settle(m.el);
    expect(m.find('tr[data-visit-id="e"]')!.textContent).to.contain('Completed');
  });
});

describe('<visit-staff-console> approvals', () => {
  it('names who asked and whom for, with the visitor’s date of birth', async () => {
    const m = await mount({ tab: 'approvals' });
    m.api.route('GET /staff/approvals', () => pendingApprovals());
    await (m.find('visit-staff-approvals-panel') as unknown as { load(): Promise<void> }).load();
    await settle(m.el);
    expect(m.find('tr[data-request-id="v9"]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      'with Ceri Jones, to visit Alex Brown (A1234BC)',
    );
    expect(m.find('tr[data-request-id="l1"]')!.textContent).to.contain('Visitor born 14 Feb 1968');
    await expect(m.el).to.be.accessible();
  });

  it('keeps the Approvals count live when the backend pushes a change', async () => {
    const m = await mount({ tab: 'today' });
    await waitUntil(() => m.events.connected, 'stream open');
    const tab = m.find('#tab-approvals')!;
    expect(tab.textContent!.trim()).to.equal('Approvals');
    let queue = pendingApprovals();
    m.api.route('GET /staff/approvals', () => queue);
    m.events.push('approvals', { kind: 'link', id: 'l1', status: 'requested' });
    await waitUntil(() => tab.textContent!.trim() === 'Approvals (4)', 'count rises');
    queue = { ...pendingApprovals(), links: [] };
    m.events.push('approvals', { kind: 'link', id: 'l1', status: 'approved' });
    await waitUntil(() => tab.textContent!.trim() === 'Approvals (2)', 'count falls');
  });
});
