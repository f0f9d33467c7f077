// The family's booking steps in real Chromium (playwright-core), shared by the end-to-end tests that book
// through <visit-booking> against the real reference backend.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** The newest 6-digit sign-in code sent to `email`, read from the backend's dev outbox. */
export async function codeFor(apiUrl: string, email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${apiUrl}/api/dev/outbox?to=${encodeURIComponent(email)}`);
    const messages = (await response.json()) as { text: string; at: string }[];
    const code = messages.map((message) => /\b(\d{6})\b/.exec(message.text)?.[1]).find(Boolean);
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no sign-in code in the outbox for ${email}`);
}

/** Waits for `target`; on timeout says what `host` shows instead. */
export async function shows(host: Locator, target: Locator): Promise<void> {
  await target.waitFor({ timeout: 15_000 }).catch(async (error: Error) => {
    const shown = await host.evaluate((element) => element.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    throw new Error(`${error.message}\n<${await host.evaluate((e) => e.localName)}> shows: ${shown}`);
  });
}

/** Waits for <visit-booking>'s step heading. */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  const booking = page.locator('visit-booking');
  await shows(booking, booking.getByRole('heading', { level: 2, name }));
}

/**
 * Chooses the first day with free times that is not today and not in `avoid` (moving to the next month
 * when this one has none left), then its first free time. Returns the date.
 */
export async function chooseTime(calendar: Locator, avoid: string[] = []): Promise<string> {
  await calendar.locator('.day').first().waitFor();
  for (let month = 0; month < 3; month++) {
    const days = calendar.locator('.day[data-state="available"]');
    for (const day of await days.all()) {
      const date = (await day.getAttribute('data-date'))!;
      if (avoid.includes(date) || (await day.getAttribute('aria-current')) === 'date') continue;
      await day.click();
      await calendar.locator('input[name="slot"]:not([disabled])').first().check();
      return date;
    }
    await calendar.getByRole('button', { name: 'Next month' }).click();
  }
  assert.fail('no bookable day in the calendar');
}

/**
 * Books a video visit for the seeded family (sam@example.org, visiting A1234BC) from the first step to the
 * confirmation, on a day not in `avoid`. Returns the reference shown and the date chosen.
 */
export async function bookVideoVisit(
  page: Page,
  apiUrl: string,
  avoid: string[] = [],
): Promise<{ reference: string; date: string }> {
  const booking = page.locator('visit-booking');
  const email = 'sam@example.org';
  await heading(page, 'Sign in to book a visit');
  await booking.getByLabel('Email address').fill(email);
  await booking.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Check your email');
  await booking.getByLabel('Code', { exact: true }).fill(await codeFor(apiUrl, email));
  await booking.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Who are you visiting?');
  await booking.getByLabel(/A1234BC/).check();
  await booking.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Visit type and visitors');
  await booking.getByLabel('Video visit').check();
  await booking.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Choose a date and time');
  const date = await chooseTime(booking.locator('visit-session-calendar'), avoid);
  await booking.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Support and contact');
  await booking.getByRole('button', { name: 'Continue' }).click();

  await heading(page, 'Check your answers before booking');
  await booking.getByRole('button', { name: 'Book visit' }).click();
  await heading(page, /Visit (booked|requested)/);
  const reference = (await booking.locator('.reference').textContent())!.trim();
  assert.match(reference, /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
  return { reference, date };
}
