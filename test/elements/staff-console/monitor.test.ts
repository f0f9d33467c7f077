import type { VisitStaffActionEvent } from '../../../src/core/events/visit-staff-action.js';
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { problem } from '../../support/fake-api.js';
import { callState, clock, DAY, visit } from '../../support/fake-staff-api.js';
import { button, deepActive, mount, settle } from './helpers.js';

const inCall = (id: string, extra = {}) =>
  visit(id, {
    callState: callState(id, 'in-call', {
      endsAt: new Date(clock.now() + 12 * 60_000 + 5_000).toISOString(),
    }),
    ...extra,
  });

describe('<visit-staff-console> Live calls', () => {
  it('shows each live call with time left from endsAt, credit and last warning; accessible', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [
        inCall('a', {
          callState: callState('a', 'in-call', {
            endsAt: new Date(clock.now() + 4 * 60_000 + 30_000).toISOString(),
            creditedSeconds: 120,
            warnings: [{ message: 'Stay on camera', at: `${DAY}T14:10:00.000Z` }],
          }),
        }),
        inCall('b'),
        visit('c'),
      ],
    });
    const tiles = m.findAll('visit-staff-call-tile');
    expect(tiles.map((tile) => tile.dataset.visitId)).to.deep.equal(['a', 'b']);
    const a = tiles[0]!.shadowRoot!;
    expect(a.querySelector('.clock')!.textContent).to.match(/^4:(29|30)$/);
    expect(a.querySelector('.clock')!.hasAttribute('data-low')).to.equal(true);
    expect(a.textContent).to.contain('2 minutes added for lost time');
    expect(a.textContent).to.contain('Last warning: Stay on camera');
    expect(tiles[1]!.shadowRoot!.querySelector('.clock')!.textContent).to.match(/^12:0[45]$/);
    expect(tiles[0]!.getAttribute('aria-label')).to.equal('Call REFXXXXA: Alex Prisonera with Sam Taylora');
    // No LiveKit in this test: the monitor token is refused and the tile says so.
    await waitUntil(() => a.textContent!.includes('Could not connect to this call.'));
    await expect(m.el).to.be.accessible();
  });

  it('reports lost-time credit under a minute in seconds, not as "0 minutes" (issue 13)', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [inCall('a', { callState: callState('a', 'in-call', { creditedSeconds: 25 }) })],
    });
    const tile = m.findAll('visit-staff-call-tile')[0]!.shadowRoot!;
    expect(tile.textContent).to.contain('25 seconds added for lost time');
    expect(tile.textContent).to.not.contain('0 minutes');
  });

  it('shows at most eight calls and lets staff swap another one in', async () => {
    const visits = Array.from({ length: 10 }, (_, i) =>
      inCall(`k${i}`, { start: `${DAY}T14:0${i}:00.000Z`, reference: `REF0000${i}` }),
    );
    const m = await mount({ tab: 'monitor', visits });
    expect(m.findAll('visit-staff-call-tile')).to.have.length(8);
    expect(m.text()).to.contain('Showing 8 of 10 calls');
    button(m, 'Watch REF00009').click();
    await settle(m.el);
    const shown = m.findAll('visit-staff-call-tile').map((tile) => tile.dataset.visitId);
    expect(shown).to.have.length(8);
    expect(shown[0]).to.equal('k9');
    expect(shown).to.not.include('k7');
    await waitUntil(() => deepActive() === m.find('visit-staff-call-tile[data-visit-id="k9"]'));
  });

  it('plays the audio of one call at a time', async () => {
    const m = await mount({ tab: 'monitor', visits: [inCall('a'), inCall('b')] });
    const listen = (id: string) =>
      m
        .find(`visit-staff-call-tile[data-visit-id="${id}"]`)!
        .shadowRoot!.querySelector<HTMLButtonElement>('button[aria-pressed]')!;
    listen('a').click();
    await settle(m.el);
    expect(listen('a').getAttribute('aria-pressed')).to.equal('true');
    listen('b').click();
    await settle(m.el);
    expect(listen('a').getAttribute('aria-pressed')).to.equal('false');
    expect(listen('b').getAttribute('aria-pressed')).to.equal('true');
    // `l` on a focused tile toggles it.
    m.find<HTMLElement>('visit-staff-call-tile[data-visit-id="b"]')!.focus();
    await sendKeys({ press: 'l' });
    await settle(m.el);
    expect(listen('b').getAttribute('aria-pressed')).to.equal('false');
  });

  it('sends a warning (validated, ≤ 300 characters) that both sides will see', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [inCall('a')],
      routes: { 'POST /staff/visits/{visitId}/warn': {} },
    });
    const tile = m.find<HTMLElement>('visit-staff-call-tile')!;
    tile.focus();
    await sendKeys({ press: 'w' });
    const dialog = m.find<HTMLDialogElement>('dialog#action')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.contain('Warn call REFXXXXA');
    await expect(m.el).to.be.accessible();
    button(m, 'Send warning').click();
    await waitUntil(() => dialog.textContent!.includes('Enter a message'));
    const area = dialog.querySelector<HTMLTextAreaElement>('#message')!;
    area.value = 'x'.repeat(301);
    area.dispatchEvent(new Event('input'));
    button(m, 'Send warning').click();
    await waitUntil(() => dialog.textContent!.includes('300 characters or fewer'));
    await expect(m.el).to.be.accessible();
    const preset = dialog.querySelector<HTMLSelectElement>('#preset')!;
    preset.value = 'camera';
    preset.dispatchEvent(new Event('change'));
    await settle(m.el);
    expect(area.value).to.equal('Please stay in view of the camera.');
    const sent = oneEvent(m.el, 'visit-staff-action');
    button(m, 'Send warning').click();
    expect(((await sent) as unknown as VisitStaffActionEvent).action).to.equal('warn');
    expect(m.api.callsTo('POST /staff/visits/a/warn')[0]!.body).to.deep.equal({
      message: 'Please stay in view of the camera.',
    });
    await waitUntil(() => !dialog.open);
    await settle(m.el);
    expect(tile.shadowRoot!.textContent).to.contain('Last warning: Please stay in view of the camera.');
    expect(deepActive()).to.equal(tile);
  });

  it('ends a call only after confirming, with a reason', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [inCall('a')],
      routes: {
        'POST /staff/visits/{visitId}/end': () => callState('a', 'ended', { endReason: 'ended-by-staff' }),
      },
    });
    const tile = m.find<HTMLElement>('visit-staff-call-tile')!;
    const end = tile.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="end"]')!;
    end.focus();
    end.click();
    const dialog = m.find<HTMLDialogElement>('dialog#action')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.contain('End call REFXXXXA?');
    expect(m.api.callsTo('POST /staff/visits/{visitId}/end')).to.have.length(0);
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLSelectElement>('#end-reason')!.value = 'security';
    dialog.querySelector<HTMLTextAreaElement>('#end-note')!.value = 'Third person appeared';
    button(m, 'End call now').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/visits/a/end')[0]!.body).to.deep.equal({
      reason: 'security',
      note: 'Third person appeared',
    });
    await settle(m.el);
    expect(m.findAll('visit-staff-call-tile')).to.have.length(0);
    expect(m.text()).to.contain('No calls in progress.');
    // Focus does not get lost with the tile: it lands on the section heading.
    expect(deepActive()?.localName).to.equal('h2');
  });

  it('explains when the call had already ended (409 call-ended)', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [inCall('a')],
      routes: { 'POST /staff/visits/{visitId}/end': () => problem(409, 'call-ended') },
    });
    m.find('visit-staff-call-tile')!
      .shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="end"]')!
      .click();
    await waitUntil(() => m.find<HTMLDialogElement>('dialog#action')!.open);
    m.visits.splice(0, 1, visit('a', { callState: callState('a', 'ended', { endReason: 'time-up' }) }));
    button(m, 'End call now').click();
    await waitUntil(() => m.text().includes('Call REFXXXXA had already ended.'));
    await waitUntil(() => m.findAll('visit-staff-call-tile').length === 0, 'the day is reloaded');
    await expect(m.el).to.be.accessible();
  });

  it('records an incident with a description', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [inCall('a')],
      routes: { 'POST /staff/visits/{visitId}/incident': {} },
    });
    m.find<HTMLElement>('visit-staff-call-tile')!.focus();
    await sendKeys({ press: 'i' });
    const dialog = m.find<HTMLDialogElement>('dialog#action')!;
    await waitUntil(() => dialog.open);
    button(m, 'Record incident').click();
    await waitUntil(() => dialog.textContent!.includes('Describe what happened'));
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLTextAreaElement>('#incident-note')!.value = 'Visitor held up a note';
    button(m, 'Record incident').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/visits/a/incident')[0]!.body).to.deep.equal({
      note: 'Visitor held up a note',
    });
  });

  it('shows a server error inside the dialog and keeps it open', async () => {
    const m = await mount({
      tab: 'monitor',
      visits: [inCall('a')],
      routes: {
        'POST /staff/visits/{visitId}/warn': () =>
          problem(500, 'internal', { detail: 'LiveKit unavailable' }),
      },
    });
    m.find('visit-staff-call-tile')!
      .shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="warn"]')!
      .click();
    const dialog = m.find<HTMLDialogElement>('dialog#action')!;
    await waitUntil(() => dialog.open);
    const area = dialog.querySelector<HTMLTextAreaElement>('#message')!;
    area.value = 'Stay seated';
    button(m, 'Send warning').click();
    await waitUntil(() => dialog.textContent!.includes('LiveKit unavailable'));
    expect(dialog.open).to.equal(true);
  });
});
