import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as S from '../schemas.js';
import { TARGETS, book, makeSlot, openStream, startServer, type TestServer } from './helpers.js';

/** A family asks to link someone at NMI; `details` overrides what they typed. */
function linkRequest(
  details: Partial<Record<'prisonNumber' | 'firstName' | 'lastName' | 'relationship', string>>,
) {
  return {
    prisonCode: 'NMI',
    prisonNumber: 'A1234BC',
    firstName: 'John',
    lastName: 'Smith',
    dateOfBirth: '1985-06-15',
    relationship: 'cousin',
    ...details,
  };
}

for (const target of TARGETS) {
  describe(`staff (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let staff: string;
    before(async () => {
      t = await startServer(target.name);
      staff = await t.staffToken('NMI');
    });
    after(() => t?.close());

    test('the day’s visits come with call state and relationships', async () => {
      const f = await t.family();
      const date = t.day(2);
      const { slotId } = await makeSlot(t, date, 4, 'video', '13:00', '13:30');
      const visit = await book(t, f, slotId, [f.userId, f.childId]);
      const r = await t.call('GET', `/api/v1/staff/visits?date=${date}`, { token: staff });
      assert.equal(r.status, 200);
      const mine = S.StaffVisit.array()
        .parse(r.body)
        .find((v) => v.id === visit.id);
      assert.ok(mine);
      assert.equal(mine.callState?.status, 'not-open');
      assert.equal(mine.prisoner.prisonNumber, f.prisonNumber, 'staff check identity by prison number');
      assert.equal(mine.links[f.userId], 'sibling');
      assert.equal(mine.links[f.childId], 'child');
      const video = await t.call('GET', `/api/v1/staff/visits?date=${date}&type=in-person`, { token: staff });
      assert.equal(
        video.body.some((v: { id: string }) => v.id === visit.id),
        false,
      );
      const glr = await t.call('GET', `/api/v1/staff/visits?date=${date}`, {
        token: await t.staffToken('GLR'),
      });
      assert.equal(
        glr.body.some((v: { id: string }) => v.id === visit.id),
        false,
      );
    });

    test('link decisions: unmatched links can only be rejected; matched ones approved once; names appear', async () => {
      const f = await t.family();
      await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: linkRequest({}),
      });
      await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: linkRequest({ firstName: 'Jon' }),
      });
      const approvals = await t.call('GET', '/api/v1/staff/approvals', { token: staff });
      const mine = approvals.body.links.filter((l: { visitor: { id: string } }) => l.visitor.id === f.userId);
      const matched = mine.find((l: { matched: boolean }) => l.matched);
      const unmatched = mine.find((l: { matched: boolean }) => !l.matched);
      assert.equal(
        (
          await t.call('POST', `/api/v1/staff/links/${unmatched.id}/decision`, {
            token: staff,
            body: { decision: 'approve' },
          })
        ).status,
        422,
      );
      assert.equal(
        (
          await t.call('POST', `/api/v1/staff/links/${unmatched.id}/decision`, {
            token: staff,
            body: { decision: 'reject', reason: 'Details do not match' },
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await t.call('POST', `/api/v1/staff/links/${matched.id}/decision`, {
            token: await t.staffToken('GLR'),
            body: { decision: 'approve' },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await t.call('POST', `/api/v1/staff/links/${matched.id}/decision`, {
            token: staff,
            body: { decision: 'approve' },
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await t.call('POST', `/api/v1/staff/links/${matched.id}/decision`, {
            token: staff,
            body: { decision: 'approve' },
          })
        ).body.code,
        'already-decided',
      );
      const links = await t.call('GET', '/api/v1/links', { token: f.token });
      const approved = links.body.find((l: { id: string }) => l.id === matched.id);
      assert.equal(approved.prisoner.firstName, 'John');
      assert.equal(
        links.body.find((l: { id: string }) => l.id === unmatched.id).rejectionReason,
        'Details do not match',
      );
    });

    test('approvals name who asked and whom for (lead visitor, person in prison, dates of birth)', async () => {
      const f = await t.family();
      await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: linkRequest({ relationship: 'uncle' }),
      });
      const r = await t.call('GET', '/api/v1/staff/approvals', { token: staff });
      assert.equal(r.status, 200);
      const approvals = S.Approvals.parse(r.body);
      const link = approvals.links.find((l) => l.visitor.id === f.userId);
      assert.equal(link?.visitor.dateOfBirth, '1980-01-01');
      const pending = approvals.visitors.find((v) => v.id === f.pendingId);
      assert.ok(pending, 'the family’s pending visitor is listed');
      assert.equal(pending.leadVisitor.id, f.userId);
      assert.equal(pending.leadVisitor.firstName, 'Pat');
      assert.match(pending.leadVisitor.lastName ?? '', /^Family/);
      assert.equal(pending.prisoner?.firstName, 'Chris');
      assert.match(pending.prisoner?.lastName ?? '', /^Inmate/);
      assert.equal(pending.prisoner?.prisonNumber, f.prisonNumber);
    });

    test('the prison stream tells consoles when the approvals queue changes', async () => {
      const stream = await openStream(`${t.url}/api/v1/staff/events`, staff);
      const other = await openStream(`${t.url}/api/v1/staff/events`, await t.staffToken('GLR'));
      try {
        const f = await t.family({ reviewRequired: true });
        const change = (kind: string, id: string, status: string) =>
          stream.next(
            (e) =>
              e.event === 'approvals' && e.data.kind === kind && e.data.id === id && e.data.status === status,
          );
        const link = await t.call('POST', '/api/v1/links', {
          token: f.token,
          body: linkRequest({
            prisonNumber: f.prisonNumber,
            firstName: 'Chris',
            lastName: 'Someone',
            relationship: 'friend',
          }),
        });
        S.ApprovalsChange.parse((await change('link', link.body.id, 'requested')).data);
        const person = await t.call('POST', `/api/v1/links/${f.linkId}/visitors`, {
          token: f.token,
          body: { firstName: 'Robin', lastName: 'Family', dateOfBirth: '2001-02-03', relationship: 'cousin' },
        });
        await change('visitor', person.body.id, 'requested');
        const { slotId } = await makeSlot(t, t.day(4), 2, 'in-person', '10:00', '11:00');
        const visit = await book(t, f, slotId);
        assert.equal(visit.status, 'requested');
        await change('booking', visit.id, 'requested');
        await t.call('POST', `/api/v1/staff/visitors/${person.body.id}/decision`, {
          token: staff,
          body: { decision: 'approve' },
        });
        await change('visitor', person.body.id, 'approved');
        await t.call('POST', `/api/v1/staff/bookings/${visit.id}/decision`, {
          token: staff,
          body: { decision: 'reject', reason: 'Not on the list' },
        });
        await change('booking', visit.id, 'rejected');
        await t.call('POST', `/api/v1/staff/links/${link.body.id}/decision`, {
          token: staff,
          body: { decision: 'reject', reason: 'Unknown' },
        });
        await change('link', link.body.id, 'rejected');
        assert.equal(
          other.events.some((e) => e.event === 'approvals'),
          false,
          'another prison’s console hears nothing',
        );
      } finally {
        await stream.close();
        await other.close();
      }
    });

    test('recording an outcome twice answers 409 already-recorded unless the request amends it', async () => {
      const f = await t.family();
      const { slotId } = await makeSlot(t, t.day(1), 3, 'in-person', '16:00', '17:00');
      const visit = await book(t, f, slotId);
      const url = `/api/v1/staff/visits/${visit.id}/outcome`;
      const first = await t.call('POST', url, { token: staff, body: { outcome: 'completed' } });
      assert.equal(first.status, 200, first.text);
      const again = await t.call('POST', url, { token: staff, body: { outcome: 'visitor-no-show' } });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'already-recorded');
      assert.equal(again.body.recordedOutcome.outcome, 'completed', 'says what is already recorded');
      const kept = await t.call('GET', `/api/v1/visits/${visit.id}`, { token: staff });
      assert.equal(kept.body.outcome.outcome, 'completed', 'the first outcome stands');
      const amended = await t.call('POST', url, {
        token: staff,
        body: { outcome: 'visitor-no-show', notes: 'Left before the start', amend: true },
      });
      assert.equal(amended.status, 200, amended.text);
      assert.equal(amended.body.outcome.outcome, 'visitor-no-show');
      assert.equal(amended.body.subStatus, 'VISITOR_NO_SHOW');
      const audit = await t.call('GET', `/api/v1/staff/audit?visitId=${visit.id}`, { token: staff });
      assert.deepEqual(audit.body.map((a: { action: string }) => a.action).slice(0, 2), [
        'visit.outcome-amended',
        'visit.outcome',
      ]);
    });

    test('templates: create, list, a change that strands visits needs confirm and then cancels them, retire', async () => {
      const created = await t.call('POST', '/api/v1/staff/session-templates', {
        token: staff,
        body: {
          type: 'video',
          dayOfWeek: 1,
          startTime: '18:00',
          endTime: '18:30',
          validFrom: '2024-01-01',
          capacity: 3,
        },
      });
      assert.equal(created.status, 201);
      S.Template.parse(created.body);
      const bad = await t.call('POST', '/api/v1/staff/session-templates', {
        token: staff,
        body: {
          type: 'video',
          dayOfWeek: 9,
          startTime: '18:30',
          endTime: '18:00',
          validFrom: '2024-01-01',
          capacity: 0,
        },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
        'capacity',
        'dayOfWeek',
        'endTime',
      ]);
      const f = await t.family();
      const date = t.day(5);
      const { templateId, slotId } = await makeSlot(t, date, 3, 'video', '15:00', '15:30');
      const visit = await book(t, f, slotId);
      const change = await t.call('PATCH', `/api/v1/staff/session-templates/${templateId}`, {
        token: staff,
        body: { startTime: '15:15', endTime: '15:45' },
      });
      assert.equal(change.status, 409);
      assert.equal(change.body.code, 'would-strand');
      assert.deepEqual(
        change.body.affectedVisits.map((v: { id: string }) => v.id),
        [visit.id],
      );
      const capacityOnly = await t.call('PATCH', `/api/v1/staff/session-templates/${templateId}`, {
        token: staff,
        body: { capacity: 6 },
      });
      assert.equal(capacityOnly.status, 200);
      assert.equal(capacityOnly.body.template.capacity, 6);
      const confirmed = await t.call('PATCH', `/api/v1/staff/session-templates/${templateId}?confirm=true`, {
        token: staff,
        body: { startTime: '15:15', endTime: '15:45' },
      });
      assert.equal(confirmed.status, 200, confirmed.text);
      S.TemplateChange.parse(confirmed.body);
      assert.equal(confirmed.body.affectedVisits[0].status, 'cancelled');
      assert.equal(confirmed.body.affectedVisits[0].cancellation.reason, 'establishment-cancelled');
      assert.equal(
        (await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, { token: f.token })).body
          .remaining,
        20,
      );
      const retired = await t.call('DELETE', `/api/v1/staff/session-templates/${templateId}`, {
        token: staff,
      });
      assert.equal(retired.body.template.active, false);
      const list = await t.call('GET', '/api/v1/staff/session-templates', { token: staff });
      assert.ok(list.body.some((x: { id: string }) => x.id === created.body.id));
      assert.equal(
        (
          await t.call('PATCH', `/api/v1/staff/session-templates/tpl-glr-v-1-1000`, {
            token: staff,
            body: { capacity: 1 },
          })
        ).status,
        404,
      );
    });

    test('excluded dates follow the same strand rule', async () => {
      const f = await t.family();
      const date = t.day(6);
      const { slotId } = await makeSlot(t, date, 3, 'video', '08:00', '08:30');
      const visit = await book(t, f, slotId);
      const refused = await t.call('POST', '/api/v1/staff/excluded-dates', {
        token: staff,
        body: { date, reason: 'Lockdown drill' },
      });
      assert.equal(refused.body.code, 'would-strand');
      const ok = await t.call('POST', '/api/v1/staff/excluded-dates?confirm=true', {
        token: staff,
        body: { date, reason: 'Lockdown drill' },
      });
      assert.equal(ok.status, 201);
      assert.equal(ok.body.affectedVisits[0].id, visit.id);
      const list = await t.call('GET', '/api/v1/staff/excluded-dates', { token: staff });
      assert.ok(list.body.some((d: { date: string }) => d.date === date));
      assert.equal(
        (await t.call('DELETE', `/api/v1/staff/excluded-dates/${date}`, { token: staff })).status,
        204,
      );
      assert.equal(
        (await t.call('DELETE', `/api/v1/staff/excluded-dates/${date}`, { token: staff })).status,
        404,
      );
      assert.equal(
        (await t.call('DELETE', `/api/v1/staff/excluded-dates/2026-02-31`, { token: staff })).status,
        400,
      );
    });

    test('outcomes, incidents and the audit trail of every state change', async () => {
      const f = await t.family();
      const { slotId } = await makeSlot(t, t.day(1), 3, 'in-person', '09:00', '10:00');
      const visit = await book(t, f, slotId);
      const incident = await t.call('POST', `/api/v1/staff/visits/${visit.id}/incident`, {
        token: staff,
        body: { note: 'Visitor arrived late' },
      });
      assert.equal(incident.status, 201);
      S.Incident.parse(incident.body);
      const outcome = await t.call('POST', `/api/v1/staff/visits/${visit.id}/outcome`, {
        token: staff,
        body: { outcome: 'visitor-no-show', notes: 'Did not arrive' },
      });
      assert.equal(outcome.status, 200, outcome.text);
      assert.equal(outcome.body.status, 'completed');
      assert.equal(outcome.body.outcome.outcome, 'visitor-no-show');
      const audit = await t.call('GET', `/api/v1/staff/audit?visitId=${visit.reference}&limit=50`, {
        token: staff,
      });
      S.AuditEntry.array().parse(audit.body);
      assert.deepEqual(audit.body.map((a: { action: string }) => a.action).reverse(), [
        'visit.booked',
        'visit.incident',
        'visit.outcome',
      ]);
      assert.equal(audit.body[0].channel, 'staff-portal');
      assert.equal(audit.body.at(-1).channel, 'web');
      const past = await t.call('GET', '/api/v1/visits?scope=past', { token: f.token });
      assert.equal(past.body[0].id, visit.id);
    });
  });
}
