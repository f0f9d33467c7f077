import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { VisitSessionCalendar } from '../../../src/elements/session-calendar/session-calendar.js';
import type { CalendarSelectEvent } from '../../../src/elements/shared/calendar-select.js';
import { addDays, addMonths, weekdayIndex } from '../../../src/core/dates.js';
import '../../../src/elements/session-calendar/visit-session-calendar.js';
import { familyBackend, TZ, zoned } from '../booking/family-backend.js';

function focusedDate(calendar: VisitSessionCalendar): string | undefined {
  return (calendar.shadowRoot!.activeElement as HTMLElement | null)?.dataset.date;
}

async function mountCalendar(viewerTimeZone = TZ) {
  const backend = familyBackend();
  const availability = { timezone: TZ, days: backend.days('video') };
  const calendar = await fixture<VisitSessionCalendar>(
    html`<visit-session-calendar
      .availability=${availability}
      .viewerTimeZone=${viewerTimeZone}
      .window=${{ minNoticeDays: 1, maxNoticeDays: 28 }}
    ></visit-session-calendar>`,
  );
  return { calendar, backend, availability };
}

describe('<visit-session-calendar>', () => {
  it('is a keyboard grid: arrows, Home/End, PageUp/PageDown, Enter chooses the day', async () => {
    const { calendar, backend } = await mountCalendar();
    const first = backend.firstOpenDay().date;
    const buttons = calendar.shadowRoot!.querySelectorAll('.day[tabindex="0"]');
    expect(buttons, 'one tab stop in the grid').to.have.length(1);
    (buttons[0] as HTMLElement).focus();
    expect(focusedDate(calendar)).to.equal(first);

    await sendKeys({ press: 'ArrowRight' });
    await calendar.updateComplete;
    expect(focusedDate(calendar)).to.equal(addDays(first, 1));
    await sendKeys({ press: 'ArrowDown' });
    await calendar.updateComplete;
    expect(focusedDate(calendar)).to.equal(addDays(first, 8));
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    await calendar.updateComplete;
    expect(focusedDate(calendar)).to.equal(first);
    await sendKeys({ press: 'End' });
    await calendar.updateComplete;
    const last = backend.days('video').at(-1)!.date;
    const endOfWeek = addDays(first, 6 - weekdayIndex(first));
    expect(focusedDate(calendar)).to.equal(endOfWeek > last ? last : endOfWeek);
    await sendKeys({ press: 'Home' });
    await calendar.updateComplete;
    const startOfWeek = addDays(first, -weekdayIndex(first));
    expect(focusedDate(calendar)).to.equal(startOfWeek < backend.today ? backend.today : startOfWeek);
    await sendKeys({ press: 'PageDown' });
    await calendar.updateComplete;
    const nextMonth = addMonths(focusedDate(calendar) ?? '', 0);
    expect(nextMonth > first, 'PageDown moves forward a month (within the bookable range)').to.equal(true);
    await sendKeys({ press: 'PageUp' });
    await calendar.updateComplete;
    await sendKeys({ press: 'PageUp' });
    await calendar.updateComplete;
    expect(focusedDate(calendar), 'cannot go before the first day').to.equal(backend.today);

    // Move to the first open day and choose it with Enter: its times appear.
    (calendar.shadowRoot!.querySelector(`.day[data-date="${first}"]`) as HTMLElement)?.focus();
    if (focusedDate(calendar) !== first) {
      await sendKeys({ press: 'PageDown' });
      await calendar.updateComplete;
      (calendar.shadowRoot!.querySelector(`.day[data-date="${first}"]`) as HTMLElement).focus();
    }
    await sendKeys({ press: 'Enter' });
    await calendar.updateComplete;
    const legend = calendar.shadowRoot!.querySelector('legend')!.textContent!;
    expect(legend).to.match(/^Times on /);
    expect(calendar.shadowRoot!.querySelectorAll('input[name="slot"]')).to.have.length(2);
    await expect(calendar).to.be.accessible();
  });

  it('chooses a time with the keyboard and tells the parent', async () => {
    const { calendar, backend } = await mountCalendar();
    const first = backend.firstOpenDay();
    let chosen: string | undefined;
    calendar.addEventListener(
      'calendar-select',
      (event) => (chosen = (event as CalendarSelectEvent).slot.id),
    );
    (calendar.shadowRoot!.querySelector(`.day[data-date="${first.date}"]`) as HTMLElement).focus();
    await sendKeys({ press: 'Space' });
    await calendar.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(chosen).to.equal(first.sessions[0]!.id);
  });

  it('explains days without sessions: closed, outside the booking window, none', async () => {
    const { calendar, backend } = await mountCalendar();
    const days = backend.days('video');
    const reasons: Record<string, string> = {
      excluded: 'The prison is not holding visits on this day.',
      'outside-window': 'Visits must be booked at least 1 days and no more than 28 days ahead.',
      'no-sessions': 'There are no visit sessions on this day.',
    };
    for (const [reason, sentence] of Object.entries(reasons)) {
      const day = days.find((item) => item.unavailableReason === reason)!;
      let button = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`);
      if (!button) {
        calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
        await calendar.updateComplete;
        button = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${day.date}"]`)!;
      }
      expect(button.getAttribute('aria-label')).to.contain('no visits');
      button.click();
      await calendar.updateComplete;
      expect(calendar.shadowRoot!.querySelector('[part="day-notice"]')!.textContent).to.contain(sentence);
      await expect(calendar).to.be.accessible();
      const back = calendar.shadowRoot!.querySelector<HTMLButtonElement>(
        'button[aria-label="Previous month"]',
      )!;
      if (!back.disabled) {
        back.click();
        await calendar.updateComplete;
      }
    }
  });

  it('shows the family’s own time too when their time zone differs', async () => {
    const { calendar, backend } = await mountCalendar('America/New_York');
    const day = backend.firstOpenDay();
    (calendar.shadowRoot!.querySelector(`.day[data-date="${day.date}"]`) as HTMLButtonElement).click();
    await calendar.updateComplete;
    const label = calendar
      .shadowRoot!.querySelector('label[for^="slot-"]')!
      .textContent!.replace(/\s+/g, ' ');
    expect(label).to.contain('10:00 to 11:00');
    const newYork = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'America/New_York',
    }).format(new Date(zoned(day.date, '10:00')));
    expect(label).to.contain(`${newYork} to`);
    expect(label).to.contain('your time (New York)');
  });

  it('does not repeat the time when the family is in the prison’s time zone', async () => {
    const { calendar, backend } = await mountCalendar(TZ);
    const day = backend.firstOpenDay();
    (calendar.shadowRoot!.querySelector(`.day[data-date="${day.date}"]`) as HTMLButtonElement).click();
    await calendar.updateComplete;
    expect(calendar.shadowRoot!.textContent).to.not.contain('your time');
    expect(calendar.shadowRoot!.textContent).to.contain('3 places left');
  });

  it('shows a full session as fully booked and not choosable', async () => {
    const { calendar, backend } = await mountCalendar(TZ);
    const saturday = backend.days('video').find((day) => day.sessions.some((slot) => slot.remaining === 0))!;
    let button = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${saturday.date}"]`);
    if (!button) {
      calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
      await calendar.updateComplete;
      button = calendar.shadowRoot!.querySelector<HTMLButtonElement>(`.day[data-date="${saturday.date}"]`)!;
    }
    button.click();
    await calendar.updateComplete;
    const full = calendar.shadowRoot!.querySelector<HTMLInputElement>(
      `input[id="slot-${saturday.sessions[1]!.id}"]`,
    )!;
    expect(full.disabled).to.equal(true);
    expect(calendar.shadowRoot!.getElementById(`${full.id}-hint`)!.textContent).to.contain('Fully booked');
    await expect(calendar).to.be.accessible();
  });
});
