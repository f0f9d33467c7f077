// The video visit end to end: the real reference backend, the real LiveKit server (webhooks on), real
// headless Chromium with fake camera and microphone, and the demo pages (strict CSP, other origin): the family
// in portal.html (<visit-waiting-room visit=…>), the person in prison in kiosk.html (<visit-waiting-room
// role="prisoner">, paired device, finds its visit itself). Staff act through the API.
//
// The network fault: one side runs in its own Chromium, and the test freezes that browser's network service
// process (SIGSTOP … SIGCONT, by its pid). Every socket of that browser — HTTP, the LiveKit WebSocket and the
// WebRTC UDP/TCP media — stops at once, as when a phone loses signal; the other side and the servers see a
// real outage. (DevTools "offline" is weaker: it leaves WebRTC media flowing and open WebSockets untouched,
// so LiveKit never loses the participant and the backend has nothing to credit.) LiveKit then drops the
// participant, the client reconnects by itself when the network returns, and the backend credits the gap
// from the real participant_left/participant_joined webhooks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure.mjs';
import { SEED } from '../../server/seed.js';
import { launchChromium } from '../support/browser.js';
import { startStack, until, type Stack } from '../support/stack.js';

let stack: Stack;
let browser: Browser;
let staffToken: string;

before(async () => {
  stack = await startStack({ lostTimeCapMinutes: 5 });
  browser = await launchChromium();
  staffToken = await stack.signIn(SEED.users.staffNmi.email);
});

after(async () => {
  await browser?.close();
  await stack?.close();
});

async function devVisit(durationSeconds: number): Promise<{ id: string; reference: string }> {
  const created = await stack.api('/api/dev/visits', {
    method: 'POST',
    body: {
      prisonerId: SEED.prisoners.a1234bc,
      visitorUserId: SEED.users.sam.id,
      startsInSeconds: 0,
      durationSeconds,
      type: 'video',
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

const callState = async (visitId: string) =>
  (await stack.api(`/api/v1/visits/${visitId}/call`, { token: staffToken })).body as {
    status: string;
    endsAt: string;
    creditedSeconds: number;
    prisonerReady: boolean;
  };

function watchProblems(page: Page, problems: string[], who: string): void {
  page.on('console', (message) => {
    if (process.env.VISIT_E2E_DEBUG) console.log(`[${who}] ${message.type()}: ${message.text()}`);
    // the browser's own "Failed to load resource" line does not name the URL: add it
    const url = message.text().startsWith('Failed to load resource') ? ` (${message.location().url})` : '';
    if (message.type() === 'error') problems.push(`${who} console: ${message.text()}${url}`);
  });
  page.on('pageerror', (error) => problems.push(`${who} page error: ${error.message}`));
}

/**
 * livekit-client's own log lines when the server closes the room or the network drops (it logs them at error
 * level, with its `{room: …, participant: …}` context): expected in the tests that end, refuse or cut a call.
 */
const livekitReconnectLog =
  /console: (error reading from signal stream|Received leave request while trying to \(re\)connect|.*WS closed unexpectedly|could not (re)?connect|.*websocket|DataChannel error on \w+|publisher data channel '\w+' closed unexpectedly).*\{room: /i;

/** The family page, signed in as Sam through the demo bar, on the given visit. */
async function familyPage(on: Browser, visitId: string, problems: string[]): Promise<Page> {
  const context = await on.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  watchProblems(page, problems, 'family');
  await page.goto(`${stack.demo.origin}/portal.html?visit=${visitId}`);
  await page.getByRole('button', { name: 'Sign in as Sam' }).click();
  await page.getByRole('button', { name: 'Check my camera and microphone' }).waitFor({ timeout: 15_000 });
  return page;
}

async function kioskPage(problems: string[]): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  watchProblems(page, problems, 'kiosk');
  await page.goto(`${stack.demo.origin}/kiosk.html`);
  await page.getByRole('button', { name: 'Check my camera and microphone' }).waitFor({ timeout: 15_000 });
  return page;
}

/** Device check → rules → join (family: knock; kiosk: "I'm ready"). Returns the device-check result. */
async function checkAndKnock(page: Page, joinLabel: string): Promise<Record<string, { status: string }>> {
  const result = page.evaluate(
    () =>
      new Promise<Record<string, { status: string }>>((resolve) =>
        document.addEventListener(
          'visit-device-check',
          (event) => resolve((event as unknown as { result: never }).result),
          {
            once: true,
          },
        ),
      ),
  );
  await page.getByRole('button', { name: 'Check my camera and microphone' }).click();
  const checked = await result;
  await page.getByRole('button', { name: 'Check again' }).waitFor({ timeout: 15_000 });
  await page.getByLabel('I agree to the visit rules').check();
  await page.getByRole('button', { name: joinLabel }).click();
  return checked;
}

type Media = { frames: number; audioPackets: number; videoWidth: number; phase: string; countdownMs: number };

/** What the page's <visit-call> receives: decoded video frames, audio packets, the countdown. */
function media(page: Page): Promise<Media> {
  return page.evaluate(async () => {
    const room = document.querySelector('visit-waiting-room');
    const call = room?.shadowRoot?.querySelector('visit-call') as
      (HTMLElement & { session?: { room?: unknown; getState(): { connection: { phase: string } } } }) | null;
    const empty = { frames: 0, audioPackets: 0, videoWidth: 0, phase: 'none', countdownMs: -1 };
    if (!call?.session) return empty;
    type Pub = { track?: { receiver?: RTCRtpReceiver } };
    const lkRoom = call.session.room as
      { remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> } | undefined;
    let frames = 0;
    let audioPackets = 0;
    for (const participant of lkRoom?.remoteParticipants.values() ?? []) {
      for (const publication of participant.trackPublications.values()) {
        const stats = await publication.track?.receiver?.getStats();
        stats?.forEach((report) => {
          if (report.type !== 'inbound-rtp') return;
          if (report.kind === 'video') frames += report.framesDecoded ?? 0;
          if (report.kind === 'audio') audioPackets += report.packetsReceived ?? 0;
        });
      }
    }
    const video = call.shadowRoot?.querySelector<HTMLVideoElement>('.remote video');
    const countdown = call.shadowRoot?.querySelector<HTMLElement>('[part="countdown"]');
    return {
      frames,
      audioPackets,
      videoWidth: video?.videoWidth ?? 0,
      phase: `${call.session.getState().connection.phase}${JSON.stringify(call.session.getState().connection)}`,
      countdownMs: Number(countdown?.dataset.ms ?? -1),
    };
  });
}

/** Text of the call's (or the waiting room's) shadow DOM. */
function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const room = document.querySelector('visit-waiting-room');
    const call = room?.shadowRoot?.querySelector('visit-call');
    const text = `${room?.shadowRoot?.textContent ?? ''} ${call?.shadowRoot?.textContent ?? ''}`;
    return text.replace(/\s+/g, ' ');
  });
}

function endReason(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const room = document.querySelector('visit-waiting-room');
    const call = room?.shadowRoot?.querySelector('visit-call');
    const end = call?.shadowRoot?.querySelector('.end') ?? room?.shadowRoot?.querySelector('.end');
    return end?.getAttribute('data-reason') ?? null;
  });
}

async function admitBoth(visitId: string, family: Page, kiosk: Page): Promise<number> {
  await until('family in the queue', async () => (await screenText(family)).includes('You are in the queue'));
  await until('kiosk ready', async () => (await callState(visitId)).prisonerReady);
  await until('kiosk told the visitor is being checked', async () =>
    (await screenText(kiosk)).includes('Your visitor is in the waiting room'),
  );
  // staff open the lobby camera (the family is told an officer is checking), then admit
  const monitor = await stack.api(`/api/v1/staff/visits/${visitId}/monitor-token?lobby=true`, {
    method: 'POST',
    token: staffToken,
  });
  assert.equal(monitor.status, 200, JSON.stringify(monitor.body));
  await until('family told an officer is checking', async () =>
    (await screenText(family)).includes('An officer is checking your identity'),
  );
  const admittedAt = Date.now();
  const admit = await stack.api(`/api/v1/staff/visits/${visitId}/admit`, {
    method: 'POST',
    token: staffToken,
  });
  assert.equal(admit.status, 200, JSON.stringify(admit.body));
  return admittedAt;
}

test('family and prisoner: device check → knock → admitted → see and hear each other → countdown, warning → time up', async () => {
  const problems: string[] = [];
  const visit = await devVisit(75);
  const kiosk = await kioskPage(problems);
  const family = await familyPage(browser, visit.id, problems);

  const [familyCheck, kioskCheck] = await Promise.all([
    checkAndKnock(family, 'Join the waiting room'),
    checkAndKnock(kiosk, 'I’m ready for my visit'),
  ]);
  for (const result of [familyCheck, kioskCheck]) {
    assert.equal(result.camera?.status, 'ok');
    assert.equal(result.microphone?.status, 'ok');
    assert.equal(result.browser?.status, 'ok');
    // the network test reached the real LiveKit before admission, on the kiosk too
    assert.equal(result.network?.status, 'ok', JSON.stringify(result.network));
  }
  const admittedAt = await admitBoth(visit.id, family, kiosk);

  // both decode each other's video and receive audio
  const firstFrame: Record<string, number> = {};
  await Promise.all(
    (
      [
        ['family', family],
        ['kiosk', kiosk],
      ] as const
    ).map(([who, page]) =>
      until(
        `${who} receives video frames and audio`,
        async () => {
          const got = await media(page);
          if (got.frames > 0 && !firstFrame[who]) firstFrame[who] = Date.now() - admittedAt;
          return got.frames > 5 && got.audioPackets > 20 && got.videoWidth > 0 ? got : undefined;
        },
        30_000,
        () => Promise.all([media(family), screenText(family), media(kiosk)]),
      ),
    ),
  );
  console.log(
    `[measure] admit → first decoded frame: family ${firstFrame.family} ms, kiosk ${firstFrame.kiosk} ms`,
  );
  assert.ok(firstFrame.family! < 15_000 && firstFrame.kiosk! < 15_000);

  // the countdown follows the backend's endsAt (within a second or two of rounding and polling)
  const state = await callState(visit.id);
  assert.equal(state.status, 'in-call');
  for (const page of [family, kiosk]) {
    const shown = (await media(page)).countdownMs;
    const expected = Date.parse(state.endsAt) - Date.now();
    assert.ok(Math.abs(shown - expected) < 2_500, `countdown ${shown} ms vs endsAt in ${expected} ms`);
  }

  // a staff warning appears on both sides
  const warned = await stack.api(`/api/v1/staff/visits/${visit.id}/warn`, {
    method: 'POST',
    token: staffToken,
    body: { message: 'Please keep your face in view of the camera.' },
  });
  assert.equal(warned.status, 200, JSON.stringify(warned.body));
  for (const page of [family, kiosk]) {
    await until(
      'warning shown',
      async () => (await screenText(page)).includes('Please keep your face in view of the camera.'),
      5_000,
    );
    assert.match(await screenText(page), /Message from prison staff/);
  }

  // the server ends the call at endsAt; both sides show the time-up screen
  const endsAt = Date.parse((await callState(visit.id)).endsAt);
  await Promise.all(
    [family, kiosk].map((page) =>
      until(
        'time-up screen',
        async () => (await endReason(page)) === 'time-up',
        endsAt - Date.now() + 15_000,
      ),
    ),
  );
  const ended = await callState(visit.id);
  assert.equal(ended.status, 'ended');
  assert.match(await screenText(family), /Your visit has finished/);
  assert.match(await screenText(kiosk), /Staff will tell you about your next visit/);
  // call-quality evidence: each side sent its summary from real WebRTC stats, the final one after the end
  const quality = await until(
    'both sides’ final quality summaries stored',
    async () => {
      const r = await stack.api(`/api/v1/staff/visits/${visit.id}/call/quality`, { token: staffToken });
      const sides = (r.body as { sides: { side: string; final: boolean; bitrateKbps: number }[] }).sides;
      return sides.length === 2 && sides.every((side) => side.final) ? sides : undefined;
    },
    15_000,
  );
  assert.ok(quality, 'quality stored');
  console.log(`[measure] quality summaries: ${JSON.stringify(quality)}`);
  for (const side of quality ?? []) assert.ok(side.bitrateKbps > 0, `${side.side} measured a bitrate`);

  // Subject access: from "Your visits" on the same page the family downloads everything held about them. The
  // readable page has this visit, its audit and both sides' quality summaries; the JSON copy says the same.
  const [download] = await Promise.all([
    family.waitForEvent('download'),
    family.locator('visit-my-visits').getByRole('button', { name: 'Download my data' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'my-data.html');
  const readable = readFileSync((await download.path())!, 'utf8');
  assert.match(readable, /<h1>Everything we hold about you<\/h1>/);
  assert.ok(readable.includes(visit.reference), 'the visit is in the page');
  for (const action of ['call.knocked', 'call.admitted', 'call.ended'])
    assert.ok(readable.includes(`<td>${action}</td>`), `the audit row ${action} is in the page`);
  assert.match(readable, /bitrateKbps/, 'the quality summary is in the page');
  const copy = await stack.api('/api/v1/family/me/export', { token: await stack.signIn('sam@example.org') });
  assert.equal(copy.status, 200, JSON.stringify(copy.body));
  const held = (
    copy.body as { visits: { id: string; callQuality: { sides: { final: boolean }[] } | null }[] }
  ).visits;
  const exported = held.find((entry) => entry.id === visit.id);
  assert.equal(exported?.callQuality?.sides.length, 2, 'both sides’ summaries beside the visit');
  const auditOf = (copy.body as { audit: { visitId: string | null; action: string }[] }).audit
    .filter((entry) => entry.visitId === visit.id)
    .map((entry) => entry.action);
  assert.ok(auditOf.includes('call.admitted'), `audit rows of the visit: ${auditOf.join(', ')}`);
  // the server deletes the room at endsAt; livekit-client logs the closed socket (nothing else may log)
  assert.deepEqual(
    problems.filter((problem) => !livekitReconnectLog.test(problem)),
    [],
  );
  await family.context().close();
  await kiosk.context().close();
});

test('a refused admission shows the refusal, its reason and what to do next', async () => {
  const problems: string[] = [];
  const visit = await devVisit(120);
  const family = await familyPage(browser, visit.id, problems);
  await checkAndKnock(family, 'Join the waiting room');
  await until('in the queue', async () => (await screenText(family)).includes('You are in the queue'));
  const denied = await stack.api(`/api/v1/staff/visits/${visit.id}/deny`, {
    method: 'POST',
    token: staffToken,
    body: { reason: 'identity-not-confirmed', note: 'Please bring photo ID next time.' },
  });
  assert.equal(denied.status, 200, JSON.stringify(denied.body));
  await until('refusal screen', async () => (await endReason(family)) === 'denied', 5_000);
  const text = await screenText(family);
  assert.match(text, /You were not let in to this visit/);
  assert.match(text, /staff could not confirm who you are/);
  assert.match(text, /Please bring photo ID next time\./);
  // Two races with the refusal, both harmless: landing before the lobby's token request, it answers that
  // request 403 (the browser logs it); landing after the lobby connected, the server closes the lobby room
  // under the family's feet (livekit-client logs its data channels closing). The page shows the refusal.
  assert.deepEqual(
    problems.filter(
      (problem) => !/status of 403 .*\/call\/token\)$/.test(problem) && !livekitReconnectLog.test(problem),
    ),
    [],
  );
  await family.context().close();
});

test('staff end the call: both sides see who ended it and why', async () => {
  const problems: string[] = [];
  const visit = await devVisit(300);
  const kiosk = await kioskPage(problems);
  const family = await familyPage(browser, visit.id, problems);
  await Promise.all([
    checkAndKnock(family, 'Join the waiting room'),
    checkAndKnock(kiosk, 'I’m ready for my visit'),
  ]);
  await admitBoth(visit.id, family, kiosk);
  await until('family in call', async () => (await media(family)).frames > 0, 30_000);
  const ended = await stack.api(`/api/v1/staff/visits/${visit.id}/end`, {
    method: 'POST',
    token: staffToken,
    body: { reason: 'security', note: 'A phone was used to film the call.' },
  });
  assert.equal(ended.status, 200, JSON.stringify(ended.body));
  for (const page of [family, kiosk]) {
    await until('ended-by-staff screen', async () => (await endReason(page)) === 'ended-by-staff', 8_000);
    const text = await screenText(page);
    assert.match(text, /Prison staff ended the visit/);
    assert.match(text, /a security concern/);
    assert.match(text, /A phone was used to film the call\./);
  }
  assert.deepEqual(
    problems.filter((problem) => !livekitReconnectLog.test(problem)),
    [],
  );
  await family.context().close();
  await kiosk.context().close();
});

/** Pids of the processes under `root` whose command line matches. */
function descendants(root: number, match: RegExp): number[] {
  const parent = new Map<number, number>();
  const command = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      command.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // exited meanwhile
    }
  }
  const under = (pid: number): boolean => {
    for (let at: number | undefined = pid, hops = 0; at && hops < 20; hops++) {
      if (at === root) return true;
      at = parent.get(at);
    }
    return false;
  };
  return [...command]
    .filter(([pid, cmd]) => pid !== root && match.test(cmd) && under(pid))
    .map(([pid]) => pid);
}

test('a network cut on one side: reconnecting, back without reload, lost time credited and shown', async () => {
  const problems: string[] = [];
  const visit = await devVisit(240);
  // the family gets its own browser, so its network can be cut alone
  const server: BrowserServer = await chromium.launchServer({
    executablePath: ensureChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const familyBrowser = await chromium.connect(server.wsEndpoint());
  try {
    const kiosk = await kioskPage(problems);
    const family = await familyPage(familyBrowser, visit.id, problems);
    await Promise.all([
      checkAndKnock(family, 'Join the waiting room'),
      checkAndKnock(kiosk, 'I’m ready for my visit'),
    ]);
    await admitBoth(visit.id, family, kiosk);
    await until(
      'family receives media',
      async () => (await media(family)).frames > 5,
      30_000,
      () => Promise.all([media(family), screenText(family), media(kiosk), screenText(kiosk)]),
    );
    const before = await callState(visit.id);
    assert.equal(before.creditedSeconds, 0);
    const endsAtBefore = Date.parse(before.endsAt);
    await family.evaluate(() => {
      const room = document.querySelector('visit-waiting-room');
      const call = room?.shadowRoot?.querySelector('visit-call');
      (window as unknown as { phases: string[] }).phases = [];
      call?.addEventListener('visit-connection-changed', (event) =>
        (window as unknown as { phases: string[] }).phases.push(
          (event as unknown as { phase: string }).phase,
        ),
      );
    });
    const [network] = descendants(server.process().pid!, /--utility-sub-type=network\.mojom\.NetworkService/);
    assert.ok(network, 'found the family browser’s network service process');
    const cutMs = 25_000;
    process.kill(network, 'SIGSTOP');
    const cutAt = Date.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, cutMs));
    } finally {
      process.kill(network, 'SIGCONT');
    }
    console.log(`[measure] family network frozen for ${Date.now() - cutAt} ms`);
    // the family page saw "reconnecting" and came back by itself (no reload: same window object)
    await until(
      'family reconnected',
      async () => {
        const phases = await family.evaluate(() => (window as unknown as { phases: string[] }).phases);
        return phases.includes('reconnecting') && phases[phases.length - 1] === 'connected'
          ? phases
          : undefined;
      },
      40_000,
    );
    await until(
      'family receives media again',
      async () => {
        const first = (await media(family)).frames;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return (await media(family)).frames > first;
      },
      20_000,
    );
    // the backend credited the gap from LiveKit's webhooks; both sides show it
    const after = await until(
      'credit',
      async () => {
        const state = await callState(visit.id);
        return state.creditedSeconds > 0 ? state : undefined;
      },
      20_000,
    );
    assert.ok(after);
    console.log(`[measure] credited ${after.creditedSeconds} s for a ${cutMs} ms cut`);
    // the whole gap, not only the part after LiveKit noticed (it drops a silent participant ~20 s late);
    // the picture had frozen up to LiveKit's keep-alive interval (2 s) before the cut was made
    assert.ok(
      after.creditedSeconds >= cutMs / 1000 - 6 && after.creditedSeconds <= cutMs / 1000 + 6,
      `credited ${after.creditedSeconds} s for a ${cutMs} ms cut`,
    );
    assert.equal(Date.parse(after.endsAt) - endsAtBefore, after.creditedSeconds * 1000);
    for (const page of [family, kiosk]) {
      await until(
        'credit shown',
        async () => (await screenText(page)).includes('added to your visit for the connection problem'),
        10_000,
      );
      const shown = (await media(page)).countdownMs;
      assert.ok(
        Math.abs(shown - (Date.parse(after.endsAt) - Date.now())) < 2_500,
        `countdown moved: ${shown}`,
      );
    }
    await stack.api(`/api/v1/staff/visits/${visit.id}/end`, {
      method: 'POST',
      token: staffToken,
      body: { reason: 'other' },
    });
    await kiosk.context().close();
  } finally {
    await familyBrowser.close();
    await server.close();
  }
  assert.deepEqual(
    problems.filter((problem) => !livekitReconnectLog.test(problem)),
    [],
  );
});
