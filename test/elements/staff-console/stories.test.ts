// Every story of the console renders against its fake backend and is accessible (axe), in its own state.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as stories from '../../../stories/staff-console.stories.js';
import '../../../src/elements/staff-console/visit-staff-console.js';
import { deepText, settle } from './helpers.js';

type Story = {
  args?: Record<string, unknown>;
  render: (args: Record<string, unknown>) => TemplateResult;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
};
const meta = stories.default as { args: Record<string, unknown> };
const expected: Record<string, string> = {
  Today: 'T2H7KC3N',
  TodayEmpty: 'No visits on this day.',
  TodayLoadError: 'The database is down.',
  Waiting: 'Needs subtitles',
  WaitingVisitorLeft: 'Booking H3N8RT2C',
  WaitingEmpty: 'Nobody is waiting.',
  LiveCalls: 'P4W6ZD8F',
  LiveCallsOverflow: 'Showing 8 of 10 calls',
  Approvals: 'do not match anyone in this prison',
  Planning: 'Christmas Day',
  ErasureRequests: '1 visit is kept: a legal hold or an incident',
  NeedsReview: 'Transferred to HMP Example',
  NeedsReviewEmpty: 'No visits need review.',
  Welsh: 'Consol ymweliadau',
  NotSignedIn: 'Sign in with a staff account',
  PhoneBookings: 'Book for a family',
  PhoneFamily: '2 visits left until',
  PhoneHeld: 'Who is coming',
  PhoneBooked: 'Booked PH0NE123',
  PhoneWelsh: '2 ymweliad ar ôl tan',
  PasskeySignIn: 'Staff sign in with a passkey',
  PasskeySetUp: 'Ask a colleague with staff access',
  PasskeyCancelled: 'cancelled or timed out',
  PasskeyNotSupported: 'This browser cannot use passkeys',
  PasskeyWrongKey: 'That passkey was not accepted',
  PasskeyWelsh: 'Gosod allwedd mynediad',
  PasskeySetUpCodeRefused: 'That set-up code is not valid',
  PasskeyEnrolmentCodeForColleague: 'Set-up code for a colleague',
};

describe('staff console stories', () => {
  for (const [name, story] of Object.entries(stories) as unknown as [string, Story][]) {
    if (name === 'default') continue;
    it(`${name} renders its state and is accessible`, async () => {
      const el = await fixture(story.render({ ...meta.args, ...story.args }));
      await story.play?.({ canvasElement: el.parentElement! });
      await waitUntil(
        () => deepText(el.shadowRoot!).includes(expected[name]!),
        `${name} shows “${expected[name]}”`,
      );
      await settle(el as never);
      await expect(el).to.be.accessible();
    });
  }
});
