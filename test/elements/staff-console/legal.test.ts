// Legal visits in the console: shown as legal (badge and firm, en and cy), no Watch action, never a monitor tile
// (so no monitor token is asked for; the server refuses one anyway, see server/test/legal-visits.test.ts).
import { expect } from '@open-wc/testing';
import { callState, clock, visit } from '../../support/fake-staff-api.js';
import { mount } from './helpers.js';

const inCall = (id: string, extra = {}) =>
  visit(id, {
    callState: callState(id, 'in-call', { endsAt: new Date(clock.now() + 10 * 60_000).toISOString() }),
    ...extra,
  });
const firm = { legal: { firm: 'Jones & Evans Solicitors LLP' } };

describe('<visit-staff-console> legal visits', () => {
  it('Today shows a legal visit as legal with its firm and offers no Watch action; accessible', async () => {
    const m = await mount({ visits: [inCall('a'), inCall('l', firm)] });
    const legalRow = m.find('tr[data-visit-id="l"]')!;
    expect(legalRow.querySelector('[data-legal]')!.textContent!.trim()).to.equal('Legal visit');
    expect(legalRow.textContent).to.contain('Jones & Evans Solicitors LLP, never monitored');
    expect(legalRow.textContent).to.not.match(/Watch call/);
    const ordinary = m.find('tr[data-visit-id="a"]')!;
    expect(ordinary.querySelector('[data-legal]')).to.equal(null);
    expect(ordinary.textContent).to.match(/Watch call/);
    expect(m.find('#tab-monitor')!.textContent!.trim()).to.equal('Live calls (1)');
    await expect(m.el).to.be.accessible();
  });

  it('in Welsh the badge and firm are in Welsh', async () => {
    const m = await mount({ lang: 'cy', visits: [inCall('l', firm)] });
    const row = m.find('tr[data-visit-id="l"]')!;
    expect(row.querySelector('[data-legal]')!.textContent!.trim()).to.equal('Ymweliad cyfreithiol');
    expect(row.textContent).to.contain('Jones & Evans Solicitors LLP, byth yn cael ei fonitro');
  });

  it('Live calls never shows a tile for a legal visit nor asks for its monitor token', async () => {
    const m = await mount({ tab: 'monitor', visits: [inCall('a'), inCall('l', firm)] });
    const tiles = m.findAll('visit-staff-call-tile');
    expect(tiles.map((tile) => tile.dataset.visitId)).to.deep.equal(['a']);
    expect(m.find('[data-legal-hidden]')!.textContent).to.contain(
      'Legal visits in progress, never monitored: 1',
    );
    expect(m.api.callsTo('POST /staff/visits/l/monitor-token')).to.have.length(0);
    await expect(m.el).to.be.accessible();
  });
});
