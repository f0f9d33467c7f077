// Welsh from the server: every problem text and title has a Welsh version; real answers to real requests come
// back in the asker's language (Accept-Language, else the person's stored preference); emails, SMS and the
// calendar file are written in the person's language (SMS share the email's texts), with dates and times in words in the prison's zone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDevVisit } from '../app.js';
import * as cy from '../i18n/cy.js';
import * as en from '../i18n/en.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { negotiate, problemDetail, whenInWords } from '../i18n/index.js';
import { problemBody } from '../problems.js';
import { book, makeSlot, TARGETS, startServer, type Reply, type TestServer } from './helpers.js';

describe('server texts (catalogue)', () => {
  test('Welsh has every English key, each translated (not empty, not the English)', () => {
    for (const text of en.problemTexts) {
      const welsh = cy.problemTexts[text];
      assert.ok(welsh?.trim(), `Welsh for "${text}"`);
      assert.notEqual(welsh, text, `"${text}" is translated`);
      // the same placeholders, so no value is lost in translation
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(welsh), names(text), `placeholders of "${text}"`);
    }
    assert.deepEqual(Object.keys(cy.problemTexts).sort(), [...en.problemTexts].sort(), 'no stray Welsh keys');
    for (const table of ['problemTitles', 'messages'] as const) {
      const english: Record<string, string> = en[table];
      const welsh: Record<string, string> = cy[table];
      assert.deepEqual(Object.keys(welsh).sort(), Object.keys(english).sort(), `${table} keys`);
      for (const key of Object.keys(english)) {
        assert.ok(welsh[key]?.trim(), `${table}.${key}`);
        assert.notEqual(welsh[key], english[key], `${table}.${key} is translated`);
      }
    }
  });

  test("field messages: every sentence the server writes has its Welsh; zod's own get a general Welsh one", () => {
    // every `message: '…'` the server's code writes into a field error (read from the source, so a new one
    // without Welsh fails here)
    const root = join(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.startsWith('test') && !f.includes('i18n'));
    const written = new Set<string>();
    for (const file of files)
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(/message: '([^']+)'/g))
        written.add(m[1]!);
    assert.ok(written.size >= 15, `found ${written.size} field messages`);
    for (const message of written) {
      assert.ok(cy.fields[message]?.trim(), `Welsh for the field message "${message}"`);
      assert.notEqual(cy.fields[message], message);
    }
    const errors = [
      { path: 'to', message: 'Must not be before from' },
      { path: 'email', message: 'Invalid email address' },
    ];
    const welsh = problemBody('cy', 400, 'validation', 'Some fields are not valid.', { errors });
    assert.deepEqual(welsh.errors, [
      { path: 'to', message: cy.fields['Must not be before from'] },
      { path: 'email', message: cy.fieldFallback },
    ]);
    assert.deepEqual(
      problemBody('en', 400, 'validation', 'Some fields are not valid.', { errors }).errors,
      errors,
    );
  });

  test('Accept-Language is read by q-value, region and order; unsupported languages fall through', () => {
    assert.equal(negotiate('cy'), 'cy');
    assert.equal(negotiate('cy-GB,cy;q=0.9,en;q=0.8'), 'cy');
    assert.equal(negotiate('en-GB,cy;q=0.9'), 'en');
    assert.equal(negotiate('fr, cy;q=0.5, en;q=0.4'), 'cy');
    assert.equal(negotiate('en;q=0.3, CY;q=0.7'), 'cy');
    assert.equal(negotiate('cy;q=0, en'), 'en');
    assert.equal(negotiate('fr, de'), undefined);
    assert.equal(negotiate('*'), undefined);
    assert.equal(negotiate('*, cy;q=0.5'), 'cy');
    assert.equal(negotiate(''), undefined);
    assert.equal(negotiate('cy;q=abc, en;q=0.1'), 'en');
  });

  test('times and dates in words in the prison’s time zone, in both languages', () => {
    // 19:25 UTC on 1 December 2026 is 19:25 in London (GMT); 2 July 2026 18:05 UTC is 19:05 in London (BST)
    const winter = '2026-12-01T19:25:00.000Z';
    const vars = {
      time: { at: winter, timeZone: 'Europe/London', as: 'time' as const },
      day: { at: winter, timeZone: 'Europe/London', as: 'day' as const },
    };
    const text = 'The waiting room opens at {time} on {day}.' as const;
    assert.equal(
      problemDetail('en', { text, vars }),
      'The waiting room opens at 7:25pm on Tuesday 1 December.',
    );
    assert.equal(
      problemDetail('cy', { text, vars }),
      'Mae’r ystafell aros yn agor am 7:25yh ddydd Mawrth 1 Rhagfyr.',
    );
    assert.equal(
      whenInWords('en', '2026-07-02T18:05:00Z', 'Europe/London'),
      '7:05pm on Thursday 2 July 2026',
    );
    assert.equal(
      whenInWords('cy', '2026-07-02T09:00:00Z', 'Europe/London'),
      '10:00yb ddydd Iau 2 Gorffennaf 2026',
    );
    // the same instant in another zone is another day
    assert.equal(
      whenInWords('en', '2026-12-01T23:30:00Z', 'Asia/Tokyo'),
      '8:30am on Wednesday 2 December 2026',
    );
    assert.equal(
      whenInWords('en', '2026-12-01T12:00:00Z', 'Europe/London'),
      '12:00pm on Tuesday 1 December 2026',
    );
    assert.equal(
      problemDetail('cy', { text: 'No visits left until {date}.', vars: { date: { date: '2026-03-01' } } }),
      'Dim ymweliadau ar ôl tan 1 Mawrth 2026.',
    );
  });
});

for (const target of TARGETS) {
  describe(`server texts over HTTP (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name, { rateLimits: { codesPerEmail: 1 }, bodyLimitBytes: 2048 });
    });
    after(() => t?.close());

    const outbox = async (to: string) =>
      (await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(to)}`)).body as {
        subject: string;
        text: string;
        channel: string;
        attachments: { content: string }[];
      }[];

    test("field errors come back in the asker's language too", async () => {
      const ask = (lang: string) =>
        t.call('POST', '/api/v1/auth/code', {
          body: { email: 'not an address' },
          headers: { 'accept-language': lang },
        });
      const [welsh, english] = [await ask('cy'), await ask('en')];
      assert.equal(welsh.status, 400);
      assert.equal(welsh.body.errors[0].path, 'email');
      assert.equal(welsh.body.errors[0].message, cy.fieldFallback);
      assert.equal(english.body.errors[0].path, 'email');
      assert.notEqual(english.body.errors[0].message, cy.fieldFallback);
    });

    test('every problem code answers in Welsh to Accept-Language: cy, and in English to en', async () => {
      const f = await t.family();
      const staff = await t.staffToken('NMI');
      const later = await createDevVisit(t.server.ctx, {
        prisonerId: f.prisonerId,
        visitorUserId: f.userId,
        startsInSeconds: 3 * 3600,
        durationSeconds: 1800,
        type: 'video',
      });
      const over = await createDevVisit(t.server.ctx, {
        prisonerId: f.prisonerId,
        visitorUserId: f.userId,
        startsInSeconds: -3600,
        durationSeconds: 60,
        type: 'video',
      });
      const gone = await createDevVisit(t.server.ctx, {
        prisonerId: f.prisonerId,
        visitorUserId: f.userId,
        startsInSeconds: 4 * 3600,
        durationSeconds: 1800,
        type: 'video',
      });
      const cancelled = await t.call('POST', `/api/v1/visits/${gone.id}/cancel`, {
        token: f.token,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(cancelled.status, 200, cancelled.text);
      await t.call('POST', '/api/v1/auth/code', { body: { email: 'limit@example.org' } });

      // Each request is sent twice, once per language; both must give the same code.
      type Case = { code: string; send: (headers: Record<string, string>) => Promise<Reply> };
      const cases: Case[] = [
        {
          code: 'validation',
          send: (headers) => t.call('POST', '/api/v1/auth/code', { headers, body: { email: 'nope' } }),
        },
        { code: 'unauthenticated', send: (headers) => t.call('GET', '/api/v1/me', { headers }) },
        {
          code: 'forbidden',
          send: (headers) => t.call('GET', '/api/v1/staff/visits', { headers, token: f.token }),
        },
        {
          code: 'not-found',
          send: (headers) => t.call('GET', '/api/v1/visits/no-such-visit', { headers, token: f.token }),
        },
        { code: 'not-found', send: (headers) => t.call('GET', '/api/nothing-here', { headers }) },
        {
          code: 'code-invalid',
          send: (headers) =>
            t.call('POST', '/api/v1/auth/verify', {
              headers,
              body: { email: 'nobody@example.org', code: '123456' },
            }),
        },
        {
          code: 'rate-limited',
          send: (headers) =>
            t.call('POST', '/api/v1/auth/code', { headers, body: { email: 'limit@example.org' } }),
        },
        {
          code: 'payload-too-large',
          send: (headers) =>
            t.call('POST', '/api/v1/auth/code', {
              headers,
              raw: JSON.stringify({ email: 'x'.repeat(5000) }),
            }),
        },
        {
          code: 'outside-window',
          send: (headers) =>
            t.call('POST', `/api/v1/visits/${later.id}/call/knock`, { headers, token: f.token }),
        },
        {
          code: 'call-ended',
          send: (headers) =>
            t.call('POST', `/api/v1/visits/${over.id}/call/knock`, { headers, token: f.token }),
        },
        {
          code: 'not-waiting',
          send: (headers) =>
            t.call('POST', `/api/v1/staff/visits/${later.id}/admit`, { headers, token: staff }),
        },
        {
          code: 'conflict',
          send: (headers) =>
            t.call('POST', `/api/v1/visits/${gone.id}/cancel`, {
              headers,
              token: f.token,
              body: { reason: 'booker-cancelled' },
            }),
        },
      ];
      for (const { code, send } of cases) {
        const welsh = await send({ 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' });
        const english = await send({ 'accept-language': 'en-GB' });
        for (const reply of [welsh, english]) {
          assert.equal(reply.body?.code, code, `${code}: ${reply.status} ${reply.text}`);
          assert.equal(
            reply.body.type,
            `urn:visit-kit:problem:${code}`,
            'the type never changes with the language',
          );
        }
        assert.ok(welsh.body.detail.trim(), `${code}: a Welsh detail`);
        assert.notEqual(welsh.body.detail, english.body.detail, `${code}: "${welsh.body.detail}" is Welsh`);
        assert.notEqual(welsh.body.title, english.body.title, `${code}: the title is Welsh`);
        assert.equal(welsh.headers.get('content-language'), 'cy');
        assert.ok(
          (cy.problemTexts as Record<string, string>)[english.body.detail] !== undefined ||
            /\d/.test(english.body.detail),
          `${code}: "${english.body.detail}" is from the catalogue`,
        );
      }
      // The waiting room's opening time is in words, in the prison's zone, not an ISO instant.
      const opening = await cases.find((c) => c.code === 'outside-window')!.send({ 'accept-language': 'en' });
      assert.doesNotMatch(opening.body.detail, /\d{4}-\d{2}-\d{2}T/);
      assert.equal(
        opening.body.detail,
        `The waiting room opens at ${whenInWords('en', opening.body.opensAt, 'Europe/London').replace(/ \d{4}$/, '')}.`,
      );
      const agor = await cases.find((c) => c.code === 'outside-window')!.send({ 'accept-language': 'cy' });
      assert.match(
        agor.body.detail,
        /^Mae’r ystafell aros yn agor am \d{1,2}:\d{2}y[bh] ddydd \S+ \d{1,2} \S+\.$/,
      );

      // Every code the server can send has a Welsh title; the codes above were all answered in Welsh over HTTP.
      const walked = new Set(cases.map((c) => c.code));
      assert.ok(walked.size >= 11, `${walked.size} codes walked over HTTP`);
      for (const code of Object.keys(en.problemTitles))
        assert.ok((cy.problemTitles as Record<string, string>)[code]);
    });

    test('without Accept-Language, a signed-in person gets their stored language; English stays the default', async () => {
      const f = await t.family();
      const before = await t.call('GET', '/api/v1/visits/no-such-visit', { token: f.token });
      assert.equal(before.body.detail, 'That visit was not found.');
      const set = await t.call('PATCH', '/api/v1/me', { token: f.token, body: { language: 'cy' } });
      assert.equal(set.status, 200, set.text);
      const after = await t.call('GET', '/api/v1/visits/no-such-visit', { token: f.token });
      assert.equal(after.body.detail, 'Ni chafwyd hyd i’r ymweliad hwnnw.');
      // the page's language wins over the stored one (the text is shown on that page)
      const page = await t.call('GET', '/api/v1/visits/no-such-visit', {
        token: f.token,
        headers: { 'accept-language': 'en' },
      });
      assert.equal(page.body.detail, 'That visit was not found.');
    });

    test('a new person signing in from a Welsh page gets a Welsh code email and a Welsh preference', async () => {
      const email = `newydd-${target.name}@example.org`;
      const headers = { 'accept-language': 'cy' };
      assert.equal((await t.call('POST', '/api/v1/auth/code', { headers, body: { email } })).status, 202);
      const [mail] = await outbox(email);
      assert.equal(mail!.subject, 'Eich cod mewngofnodi visit-kit');
      const code = /\b(\d{6})\b/.exec(mail!.text)![1]!;
      const verified = await t.call('POST', '/api/v1/auth/verify', { headers, body: { email, code } });
      assert.equal(verified.status, 200, verified.text);
      assert.equal(verified.body.user.language, 'cy');
    });

    test('a Welsh person’s emails and calendar file are Welsh, with the reason for a cancellation in words', async () => {
      const welsh = await t.family({ reviewRequired: true });
      const english = await t.family();
      await t.call('PATCH', '/api/v1/me', {
        token: welsh.token,
        body: { language: 'cy', phone: '07700 900123' },
      });
      // requested (the prison reviews): the Welsh email now says it will be confirmed
      const date = t.day(3);
      const { slotId } = await makeSlot(t, date, 5);
      const requested = await book(t, welsh, slotId);
      assert.equal(requested.status, 'requested');
      let mails = await outbox(welsh.email);
      const ask = mails.find((m) => m.subject.startsWith('Cais am ymweliad'));
      assert.ok(ask, mails.map((m) => m.subject).join(' | '));
      assert.match(ask.text, /Byddwn yn rhoi gwybod i chi pan fydd wedi’i gadarnhau\./);
      assert.match(ask.text, / ddydd \S+ \d{1,2} \S+ \d{4}/, 'the date in Welsh words');
      assert.doesNotMatch(ask.text, /\d{4}-\d{2}-\d{2}/);
      // approved by staff: the confirmation carries a Welsh calendar file
      const staff = await t.staffToken('NMI');
      const decided = await t.call('POST', `/api/v1/staff/bookings/${requested.id}/decision`, {
        token: staff,
        body: { decision: 'approve' },
      });
      assert.equal(decided.status, 200, decided.text);
      mails = await outbox(welsh.email);
      const confirmed = mails.find((m) => m.subject.startsWith('Ymweliad wedi’i gadarnhau'));
      assert.ok(confirmed, mails.map((m) => m.subject).join(' | '));
      const ics = confirmed.attachments[0]!.content;
      assert.match(ics, /SUMMARY:Ymweliad fideo: /);
      assert.match(ics, /DESCRIPTION:Cyfeirnod /);
      assert.match(ics, /LOCATION:Galwad fideo/);
      assert.doesNotMatch(ics, /Video visit|Reference|Video call/);
      // the calendar route follows the asker's language
      const route = await t.call('GET', `/api/v1/visits/${requested.id}/calendar.ics`, {
        token: welsh.token,
        headers: { 'accept-language': 'cy' },
      });
      assert.match(route.text, /SUMMARY:Ymweliad fideo: /);
      const routeEn = await t.call('GET', `/api/v1/visits/${requested.id}/calendar.ics`, {
        token: welsh.token,
        headers: { 'accept-language': 'en' },
      });
      assert.match(routeEn.text, /SUMMARY:Video visit: /);
      // cancelled by the family: the reason in words, not the code
      const cancel = await t.call('POST', `/api/v1/visits/${requested.id}/cancel`, {
        token: welsh.token,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(cancel.status, 200, cancel.text);
      const gone = (await outbox(welsh.email)).find((m) => m.subject.startsWith('Ymweliad wedi’i ganslo'));
      assert.ok(gone);
      assert.match(gone.text, /wedi’i ganslo\. Chi a’i canslodd\.$/);
      assert.doesNotMatch(gone.text, /booker-cancelled/);
      // and in English for an English person, cancelled by the prison
      const { slotId: other } = await makeSlot(t, t.day(4), 5);
      const visit = await book(t, english, other);
      const byPrison = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: english.token,
        body: { reason: 'establishment-cancelled' },
      });
      assert.equal(byPrison.status, 200, byPrison.text);
      const englishMails = await outbox(english.email);
      const booked = englishMails.find((m) => m.subject.startsWith('Visit booked'));
      assert.match(booked!.text, /is booked for \d{1,2}:\d{2}(am|pm) on \w+day \d{1,2} \w+ \d{4}\./);
      assert.match(booked!.attachments[0]!.content, /SUMMARY:Video visit: /);
      const englishGone = englishMails.find((m) => m.subject.startsWith('Visit cancelled'));
      assert.match(englishGone!.text, /has been cancelled\. The prison cancelled it\.$/);
    });
  });
}
