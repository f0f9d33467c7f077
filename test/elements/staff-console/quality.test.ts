// Call-quality evidence in the console: the live tile and the visit's history show each side's summary (en, cy).
import { expect, waitUntil } from '@open-wc/testing';
import { callState, clock, visit } from '../../support/fake-staff-api.js';
import { button, mount } from './helpers.js';

const quality = (id: string) => ({
  visitId: id,
  creditedSeconds: 30,
  sides: [
    {
      side: 'visitor',
      final: false,
      packetLossPercent: 1.25,
      roundTripMs: 84,
      bitrateKbps: 910,
      freezes: 2,
      reconnections: 1,
      firstAt: '2026-12-01T14:01:00.000Z',
      updatedAt: '2026-12-01T14:05:00.000Z',
    },
    {
      side: 'prisoner',
      final: true,
      packetLossPercent: 0,
      roundTripMs: 40,
      bitrateKbps: 1200,
      freezes: 0,
      reconnections: 0,
      firstAt: '2026-12-01T14:01:00.000Z',
      updatedAt: '2026-12-01T14:30:00.000Z',
    },
  ],
});
const routes = { 'GET /staff/visits/{visitId}/call/quality': () => quality('a') };
const inCall = (id: string) =>
  visit(id, {
    callState: callState(id, 'in-call', { endsAt: new Date(clock.now() + 10 * 60_000).toISOString() }),
  });

describe('<visit-staff-console> call quality', () => {
  it('the live tile shows each side’s packet loss, round trip, bitrate, freezes and reconnections; accessible', async () => {
    const m = await mount({ tab: 'monitor', visits: [inCall('a')], routes });
    const tile = m.findAll('visit-staff-call-tile')[0]!.shadowRoot!;
    await waitUntil(() => tile.querySelector('[data-quality] li'), 'quality shown');
    expect(m.api.callsTo('GET /staff/visits/a/call/quality').length).to.be.greaterThan(0);
    const lines = [...tile.querySelectorAll('[data-quality] li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(lines).to.deep.equal([
      'Visitor: 1.25% packets lost, 84 ms round trip, 910 kbit/s, freezes 2, reconnections 1',
      'Person in prison: 0% packets lost, 40 ms round trip, 1200 kbit/s, freezes 0, reconnections 0 (after the call)',
    ]);
    await expect(m.el).to.be.accessible();
  });

  it('the visit’s history shows the evidence too, in Welsh', async () => {
    const m = await mount({
      lang: 'cy',
      visits: [visit('a')],
      routes: { ...routes, 'GET /staff/audit': [] },
    });
    button(m, /REFXXXXA/).click();
    const dialog = m.find<HTMLDialogElement>('dialog#audit')!;
    await waitUntil(() => dialog.open && dialog.querySelector('[data-quality] li'), 'quality in history');
    expect(
      dialog.querySelector('[data-quality] li[data-side="visitor"]')!.textContent!.replace(/\s+/g, ' '),
    ).to.contain('1.25% o becynnau wedi’u colli, 84 ms taith gron, 910 kbit/s, rhewi 2, ailgysylltu 1');
    expect(dialog.querySelector('[data-quality] h3')!.textContent).to.equal('Ansawdd y cysylltiad');
  });
});
