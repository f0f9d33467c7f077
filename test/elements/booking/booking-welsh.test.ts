import { expect, fixture, html } from '@open-wc/testing';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import '../../../src/elements/booking/visit-booking.js';
import { familyBackend } from './family-backend.js';
import { check, click, errorSummaryLinks, fill, q, text, untilHeading } from './helpers.js';

describe('<visit-booking> in Welsh', () => {
  it('runs the whole journey in Welsh, axe clean, with no English left on any screen', async () => {
    const backend = familyBackend();
    const root = await fixture<HTMLDivElement>(
      html`<div lang="cy"><visit-booking .client=${backend.client}></visit-booking></div>`,
    );
    const element = root.querySelector('visit-booking') as VisitBooking;
    await element.updateComplete;
    const english = ['Continue', 'Step ', 'Back', 'Check your', 'Choose', 'There is a problem'];
    const noEnglish = () => {
      for (const word of english) expect(text(element), `no “${word}”`).to.not.contain(word);
    };

    await untilHeading(element, 'Mewngofnodi i drefnu ymweliad');
    expect(text(element)).to.contain('Cam 1 o 6');
    await click(element, 'Parhau');
    expect(errorSummaryLinks(element)).to.deep.equal(['Rhowch eich cyfeiriad e-bost']);
    expect(text(element)).to.contain('Mae problem wedi codi');
    expect(text(element)).to.contain('Gwall:');
    await expect(element).to.be.accessible();
    fill(element, 'Cyfeiriad e-bost', 'ceri@example.org');
    await click(element, 'Parhau');

    await untilHeading(element, 'Gwiriwch eich e-bost');
    noEnglish();
    fill(element, 'Cod', '123456');
    await click(element, 'Parhau');

    await untilHeading(element, 'Pwy ydych chi’n ymweld â nhw?');
    expect(text(element)).to.contain('Cam 2 o 6');
    expect(text(element)).to.contain('Yn aros i’r carchar gymeradwyo');
    noEnglish();
    await expect(element).to.be.accessible();
    check(element, 'Alex Smith');
    await click(element, 'Parhau');

    await untilHeading(element, 'Math o ymweliad ac ymwelwyr');
    expect(text(element)).to.contain('rhaid i o leiaf un ymwelydd fod yn 18 oed neu hŷn');
    noEnglish();
    await expect(element).to.be.accessible();
    check(element, 'Ymweliad fideo');
    await click(element, 'Parhau');

    await untilHeading(element, 'Dewiswch ddyddiad ac amser');
    const calendar = q(element, 'visit-session-calendar') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    await calendar.updateComplete;
    const calendarText = calendar.shadowRoot!.textContent!;
    expect(calendarText).to.match(/Llun|Maw|Mer/);
    expect(calendarText).to.contain('bysellau saeth');
    const day = backend.firstOpenDay();
    let button = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`);
    if (!button) {
      calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Y mis nesaf"]')!.click();
      await calendar.updateComplete;
      button = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!;
    }
    button.click();
    await calendar.updateComplete;
    expect(calendar.shadowRoot!.querySelector('legend')!.textContent).to.match(/^Amseroedd ar /);
    calendar.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"]')!.click();
    await element.updateComplete;
    await expect(element).to.be.accessible();
    await click(element, 'Parhau');

    await untilHeading(element, 'Cymorth a chysylltu');
    expect(text(element)).to.match(/Rydym yn cadw .* i chi tan \d\d:\d\d \((9|10) munud ar ôl\)/);
    check(element, 'Anfonwch ddiweddariadau ataf yn Gymraeg');
    noEnglish();
    await expect(element).to.be.accessible();
    await click(element, 'Parhau');

    await untilHeading(element, 'Gwiriwch eich atebion cyn trefnu');
    expect(text(element)).to.contain('Diweddariadau yn Gymraeg');
    expect(text(element)).to.contain('Cam 6 o 6');
    noEnglish();
    await expect(element).to.be.accessible();
    await click(element, 'Trefnu ymweliad');

    await untilHeading(element, 'Ymweliad wedi’i drefnu');
    expect(text(element)).to.contain('Eich cyfeirnod');
    expect(text(element)).to.contain('Ychwanegu at y calendr');
    noEnglish();
    await expect(element).to.be.accessible();
    const contact = (backend.api.callsTo('POST /bookings')[0]!.body as { contact: { welshUpdates: boolean } })
      .contact;
    expect(contact.welshUpdates).to.equal(true);
  });

  it('asks the prison to add someone in Welsh: the strings that load with those forms come in Welsh too', async () => {
    const backend = familyBackend({ signedIn: true });
    const root = await fixture<HTMLDivElement>(
      html`<div lang="cy"><visit-booking .client=${backend.client}></visit-booking></div>`,
    );
    const element = root.querySelector('visit-booking') as VisitBooking;
    await untilHeading(element, 'Pwy ydych chi’n ymweld â nhw?');
    await click(element, 'Ychwanegu rhywun rydych yn ymweld â nhw');
    await untilHeading(element, 'Ychwanegu rhywun rydych yn ymweld â nhw');
    expect(text(element)).to.contain('Rhif carchar');
    expect(text(element)).to.contain('Dyddiad geni');
    await click(element, 'Anfon cais');
    expect(errorSummaryLinks(element)).to.include('Rhowch eu rhif carchar');
    expect(text(element)).to.not.contain('Enter their');
    await expect(element).to.be.accessible();

    await click(element, 'Yn ôl');
    await untilHeading(element, 'Pwy ydych chi’n ymweld â nhw?');
    check(element, 'Alex Smith');
    await click(element, 'Parhau');
    await untilHeading(element, 'Math o ymweliad ac ymwelwyr');
    q(element, '[part="add-visitor"] summary').click();
    await element.updateComplete;
    expect(text(element)).to.contain('Eu perthynas â’r person yn y carchar');
    await click(element, 'Gofyn i’w hychwanegu');
    expect(text(element)).to.contain('Rhowch eu perthynas â’r person yn y carchar');
    await expect(element).to.be.accessible();
  });
});
