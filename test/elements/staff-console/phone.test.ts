import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { phoneRoutes, phoneState } from '../../support/fake-phone-api.js';
import { button, deepActive, mount, settle, type Mounted } from './helpers.js';

async function open(lang = 'en') {
  const state = phoneState();
  const m = await mount({ tab: 'phone', lang, routes: phoneRoutes(state) });
  return { m, state };
}

async function find(m: Mounted, term: string) {
  const input = m.find<HTMLInputElement>('#phone-term')!;
  input.value = term;
  button(m, lang(m) === 'cy' ? 'Chwilio' : 'Find').click();
  await settle(m.el);
}
const lang = (m: Mounted) => m.el.getAttribute('lang');

async function choose(m: Mounted) {
  await find(m, 'sam@example.org');
  await waitUntil(() => m.text().includes('Act for Sam Taylor, visiting John Smith'));
  button(m, 'Act for Sam Taylor, visiting John Smith').click();
  await waitUntil(() => m.text().includes('2 visits left until'), 'allowance shown');
  await settle(m.el);
}

describe('<visit-staff-console> Phone bookings', () => {
  it('finds a family by email, refuses a term that is neither an email nor a prison number; accessible', async () => {
    const { m } = await open();
    expect(m.find('#tab-phone')!.textContent!.trim()).to.equal('Phone bookings');
    await find(m, 'sam');
    await waitUntil(() => m.text().includes('Enter an email address or a prison number'));
    expect(m.api.callsTo('GET /staff/families')).to.have.length(0);
    expect(deepActive()?.id).to.equal('phone-term');
    expect(m.find('#phone-term')!.getAttribute('aria-describedby')).to.contain('phone-term-error');
    await find(m, 'a1234bc');
    await waitUntil(() => m.api.callsTo('GET /staff/families').length === 1);
    expect(m.api.callsTo('GET /staff/families')[0]!.query.get('prisonNumber')).to.equal('A1234BC');
    await waitUntil(() => m.text().includes('Act for Sam Taylor'));
    await expect(m.el).to.be.accessible();
  });

  it('shows the allowance and its history, and adjusts it with a reason (a note for Other); announced', async () => {
    const { m } = await open();
    await choose(m);
    expect(m.text()).to.contain('Written to in Welsh');
    expect(m.text()).to.contain('Governor’s adjustment');
    expect(m.text()).to.contain('UPC0M1NG');
    await expect(m.el).to.be.accessible();
    button(m, 'Adjust allowance').click();
    const dialog = m.find<HTMLDialogElement>('dialog#adjust')!;
    await waitUntil(() => dialog.open);
    dialog.querySelector<HTMLInputElement>('#adjust-delta')!.value = '0';
    button(m, 'Save adjustment').click();
    await waitUntil(() => dialog.textContent!.includes('Enter a whole number other than 0'));
    expect(m.api.callsTo('POST /staff/prisoners/{prisonerId}/allowance/adjustments')).to.have.length(0);
    dialog.querySelector<HTMLInputElement>('#adjust-delta')!.value = '3';
    dialog.querySelector<HTMLSelectElement>('#adjust-reason')!.value = 'other';
    button(m, 'Save adjustment').click();
    await waitUntil(() => dialog.textContent!.includes('Say why in the note'));
    await expect(m.el).to.be.accessible();
    dialog.querySelector<HTMLTextAreaElement>('#adjust-note')!.value = 'Missed visit made good';
    button(m, 'Save adjustment').click();
    await waitUntil(() => !dialog.open);
    expect(m.api.callsTo('POST /staff/prisoners/p-john/allowance/adjustments')[0]!.body).to.deep.equal({
      delta: 3,
      reason: 'other',
      note: 'Missed visit made good',
    });
    await waitUntil(() => m.text().includes('5 visits left until'));
    expect(m.text()).to.contain('Other: Missed visit made good');
    await waitUntil(() => m.text().includes('Allowance adjusted: 5 visits left.'), 'announced');
  });

  it('an adjustment the backend refuses is explained in the dialog', async () => {
    const { m } = await open();
    await choose(m);
    button(m, 'Adjust allowance').click();
    const dialog = m.find<HTMLDialogElement>('dialog#adjust')!;
    await waitUntil(() => dialog.open);
    dialog.querySelector<HTMLInputElement>('#adjust-delta')!.value = '-5';
    button(m, 'Save adjustment').click();
    await waitUntil(() => dialog.textContent!.includes('below zero: it is 2 now'));
    expect(dialog.open).to.equal(true);
  });

  it('holds a session, needs a visitor, books by phone; the family is told and the visit listed', async () => {
    const { m } = await open();
    await choose(m);
    expect(m.text()).to.not.contain('0 places left');
    button(m, 'Hold this session').click();
    await waitUntil(() => m.text().includes('Choose a session'));
    expect(m.api.callsTo('POST /staff/families/{userId}/holds')).to.have.length(0);
    m.find<HTMLInputElement>('input[name="slot"]')!.click();
    button(m, 'Hold this session').click();
    await waitUntil(() => m.text().includes('Held:'));
    await waitUntil(() => deepActive()?.id === 'phone-held', 'focus moves to the held session');
    expect(m.api.callsTo('POST /staff/families/u-sam/holds')[0]!.body).to.deep.equal({
      prisonerId: 'p-john',
      slotId: 'tpl_a.2026-12-02',
    });
    // the lead is ticked; untick them to see the error, then tick the child and the lead
    m.find<HTMLInputElement>('#visitor-u-sam')!.click();
    button(m, 'Book by phone').click();
    await waitUntil(() => m.text().includes('Choose at least one visitor'));
    await expect(m.el).to.be.accessible();
    m.find<HTMLInputElement>('#visitor-u-sam')!.click();
    m.find<HTMLInputElement>('#visitor-v-lily')!.click();
    button(m, 'Book by phone').click();
    await waitUntil(() => m.text().includes('Booked PH0NE123'));
    expect(m.api.callsTo('POST /staff/families/u-sam/bookings')[0]!.body).to.deep.equal({
      holdId: 'h1',
      visitorIds: ['u-sam', 'v-lily'],
      contact: {},
    });
    await waitUntil(() => m.text().includes('1 visits left until'), 'the allowance reloaded');
    expect(m.text()).to.contain('Change PH0NE123');
  });

  it('changes and cancels a visit for the family (cancel asks first)', async () => {
    const { m } = await open();
    await choose(m);
    button(m, 'Change UPC0M1NG').click();
    await waitUntil(() => m.text().includes('Choose the new session for UPC0M1NG'));
    m.findAll<HTMLInputElement>('input[name="slot"]')[1]!.click();
    button(m, 'Hold this session').click();
    await waitUntil(() => m.text().includes('Move the visit here'));
    expect(m.find('#visitor-u-sam')).to.equal(null, 'a change keeps the visitors');
    button(m, 'Move the visit here').click();
    await waitUntil(() => m.text().includes('Moved UPC0M1NG'));
    expect(m.api.callsTo('POST /staff/families/u-sam/visits/up/change')[0]!.body).to.deep.equal({
      holdId: 'h1',
    });
    button(m, 'Cancel UPC0M1NG').click();
    const dialog = m.find<HTMLDialogElement>('dialog#phone-cancel')!;
    await waitUntil(() => dialog.open);
    await expect(m.el).to.be.accessible();
    button(m, 'Cancel the visit').click();
    await waitUntil(() => m.text().includes('Cancelled UPC0M1NG'));
    expect(m.api.callsTo('POST /staff/families/u-sam/visits/up/cancel')[0]!.body).to.deep.equal({
      reason: 'booker-cancelled',
    });
    await waitUntil(() => !m.text().includes('Change UPC0M1NG'));
  });

  it('in Welsh, and at 375 px wide', async () => {
    await setViewport({ width: 375, height: 800 });
    const { m } = await open('cy');
    await waitUntil(() => m.text().includes('Archebu ar ran teulu'));
    await find(m, 'sam@example.org');
    await waitUntil(() => m.text().includes('Gweithredu ar ran Sam Taylor'));
    button(m, /^Gweithredu ar ran Sam Taylor/).click();
    await waitUntil(() => m.text().includes('2 ymweliad ar ôl tan'));
    await settle(m.el);
    const panel = m.find('visit-staff-phone-panel')!;
    expect(panel.scrollWidth).to.be.at.most(375);
    await expect(m.el).to.be.accessible();
    await setViewport({ width: 1024, height: 768 });
  });
});
