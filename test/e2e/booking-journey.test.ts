// The family's journey end to end, as an integrator would host it: the page (with <visit-provider>,
// <visit-booking> and <visit-my-visits>) on one origin, the real reference backend on another (CORS),
// real Chromium. Sign in with the code from the dev outbox, book, see it, change it, cancel it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createServer, type VisitKitServer } from '../../server/app.js';
import { chooseTime, codeFor, heading, shows } from '../support/booking-steps.js';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';

let dir: string;
let server: VisitKitServer;
let api: { url: string; close(): Promise<void> };
let pages: PageServer;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'visit-kit-e2e-booking-'));
  // The page entry lives outside the repository's test pages; it imports the SDK by absolute path.
  const define = new URL('../../src/define.ts', import.meta.url).pathname;
  const entry = join(dir, 'family.ts');
  writeFileSync(
    entry,
    `import ${JSON.stringify(define)};
const apiBase = new URLSearchParams(location.search).get('api') ?? '';
const main = document.createElement('main');
main.innerHTML = '<h1>Family visits</h1><visit-provider><visit-booking></visit-booking><hr><visit-my-visits></visit-my-visits></visit-provider>';
main.querySelector('visit-provider')!.setAttribute('api-base', apiBase);
document.body.append(main);
// An integrator refreshes the list when a visit is booked.
document.addEventListener('visit-booked', () => (document.querySelector('visit-my-visits') as any).reload());
`,
  );
  pages = await servePages({ family: entry });
  server = await createServer({
    databaseUrl: join(dir, 'e2e.sqlite'),
    dev: true,
    seed: true,
    consoleOutbox: false,
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    enforcerIntervalMs: 0,
    corsOrigins: [pages.origin],
  });
  api = await server.listen();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await api?.close();
  await server?.close();
  await pages?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a family books, sees, changes and cancels a visit against the real backend, cross-origin', async () => {
  assert.notEqual(new URL(pages.origin).origin, new URL(api.url).origin, 'page and API on different origins');
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(`${pages.origin}/family.html?api=${encodeURIComponent(api.url)}`);
  const booking = page.locator('visit-booking');
  const visits = page.locator('visit-my-visits');

  // 1. Sign in with an emailed code.
  await heading(page, 'Sign in to book a visit');
  await booking.getByText('Step 1 of 6').waitFor();
  await booking.getByLabel('Email address').fill('sam@example.org');
  await booking.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Check your email');
  await booking.getByLabel('Code', { exact: true }).fill(await codeFor(api.url, 'sam@example.org'));
  await booking.getByRole('button', { name: 'Continue' }).click();

  // 2. The person (approved link), with the pending link explained.
  await heading(page, 'Who are you visiting?');
  await booking.getByText('Waiting for the prison to approve').waitFor();
  await booking.getByLabel(/A1234BC/).check();
  await booking.getByRole('button', { name: 'Continue' }).click();

  // 3. Type and visitors; the family asks to add someone (the prison approves them before they can come).
  await heading(page, 'Visit type and visitors');
  await booking.getByText('at least one visitor must be 18 or over').waitFor();
  await booking.getByText('Add someone who will visit').click();
  await booking.getByLabel('First name').fill('Robin');
  await booking.getByLabel('Last name').fill('Taylor');
  await booking.getByLabel('Day').fill('4');
  await booking.getByLabel('Month').fill('6');
  await booking.getByLabel('Year').fill('2015');
  await booking.getByLabel('Their relationship to the person in prison').fill('son');
  await booking.getByRole('button', { name: 'Ask to add them' }).click();
  const robin = booking.getByRole('checkbox', { name: /Robin Taylor/ });
  await robin.waitFor({ state: 'attached', timeout: 15_000 });
  assert.equal(await robin.isDisabled(), true, 'not choosable before approval');
  const requested = await server.ctx.store.db
    .selectFrom('link_visitors')
    .select(['status', 'date_of_birth', 'relationship'])
    .where('first_name', '=', 'Robin')
    .executeTakeFirstOrThrow();
  assert.deepEqual(requested, { status: 'requested', date_of_birth: '2015-06-04', relationship: 'son' });
  await booking.getByLabel('Video visit').check();
  await booking.getByRole('button', { name: 'Continue' }).click();

  // 4. Date and time from real availability; the hold starts.
  await heading(page, 'Choose a date and time');
  const firstDate = await chooseTime(booking.locator('visit-session-calendar'));
  await booking.getByRole('button', { name: 'Continue' }).click();

  // 5. Support and contact, with the hold countdown.
  await heading(page, 'Support and contact');
  await booking.getByText(/We are holding .* \((9|10) minutes left\)/).waitFor();
  await booking.getByLabel('Does anyone need support').fill('Step-free access please');
  await booking.getByRole('button', { name: 'Continue' }).click();

  // 6. Check answers, confirm.
  await heading(page, 'Check your answers before booking');
  await booking.getByText('Step-free access please').waitFor();
  const bookedEvent = page.evaluate(
    () =>
      new Promise<{ reference: string; start: string; end: string; visitType: string }>((resolve) =>
        document.addEventListener(
          'visit-booked',
          (event) => {
            const booked = event as unknown as {
              reference: string;
              start: string;
              end: string;
              visitType: string;
            };
            resolve({
              reference: booked.reference,
              start: booked.start,
              end: booked.end,
              visitType: booked.visitType,
            });
          },
          { once: true },
        ),
      ),
  );
  await booking.getByRole('button', { name: 'Book visit' }).click();
  await heading(page, /Visit (booked|requested)/);
  const reference = (await booking.locator('.reference').textContent())!.trim();
  assert.match(reference, /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
  const event = await bookedEvent;
  assert.equal(event.reference, reference);
  assert.equal(event.visitType, 'video');
  const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(event.start),
  );
  assert.equal(londonDate, firstDate, 'booked on the day chosen in the calendar');
  assert.ok(Date.parse(event.end) > Date.parse(event.start));

  // "Add to calendar" downloads the backend's .ics.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    booking.getByRole('button', { name: 'Add to calendar' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `visit-${reference}.ics`);
  const ics = await download
    .path()
    .then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
  assert.match(ics, /BEGIN:VCALENDAR/);

  // 7. It shows in <visit-my-visits>.
  const card = visits.locator('[part="visit"]', { hasText: reference });
  await shows(visits, card);
  await card.getByText('Video visit', { exact: true }).waitFor();
  const before = (await card.locator('h3').textContent())!.trim();

  // 8. Change it to another time (atomic, same reference).
  await card.getByRole('button', { name: 'Change time' }).click();
  await visits.getByRole('heading', { name: 'Change the time of your visit' }).waitFor();
  const secondDate = await chooseTime(visits.locator('visit-session-calendar'), [firstDate]);
  assert.notEqual(secondDate, firstDate);
  await visits.getByRole('button', { name: 'Move visit to this time' }).click();
  await shows(visits, visits.locator('.notice', { hasText: `The reference is still ${reference}` }));
  const moved = visits.locator('[part="visit"]', { hasText: reference });
  await moved.waitFor();
  assert.notEqual(
    (await moved.locator('h3').textContent())!.trim(),
    before,
    'the visit moved to another day',
  );

  // 9. Cancel it with a reason, in the dialog.
  await moved.getByRole('button', { name: 'Cancel visit' }).click();
  const dialog = visits.locator('dialog');
  await dialog.getByLabel('I or my visitors can no longer go').check();
  await dialog.getByLabel('Anything the prison should know?').fill('Car broke down');
  await dialog.getByRole('button', { name: 'Yes, cancel the visit' }).click();
  await shows(visits, visits.locator('.notice', { hasText: `(reference ${reference}) is cancelled` }));
  await visits.getByRole('tab', { name: 'Cancelled' }).click();
  const cancelled = visits.locator('[part="visit"]', { hasText: reference });
  await cancelled.waitFor();
  await cancelled.getByText('Car broke down').waitFor();

  assert.deepEqual(failures, [], 'no uncaught errors in the page');
  await context.close();
});
