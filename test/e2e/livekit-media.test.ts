// The hardest real part first: two browser pages exchange camera and microphone through a real LiveKit server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AccessToken } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { startLivekit } from '../../scripts/livekit.mjs';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';

type Inbound = { framesDecoded: number; audioPackets: number; videoWidth: number };
declare global {
  interface Window {
    lkPeer: {
      join(url: string, token: string): Promise<void>;
      inbound(): Promise<Inbound>;
      leave(): Promise<void>;
    };
  }
}

let livekit: Awaited<ReturnType<typeof startLivekit>>;
let pages: PageServer;
let browser: Browser;

before(async () => {
  livekit = await startLivekit();
  pages = await servePages({ peer: new URL('./pages/livekit-peer.ts', import.meta.url).pathname });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await livekit?.stop();
});

async function tokenFor(identity: string): Promise<string> {
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, ttl: 300 });
  token.addGrant({ room: 'e2e-media', roomJoin: true, canPublish: true, canSubscribe: true });
  return token.toJwt();
}

async function waitForMedia(page: Page): Promise<Inbound> {
  const deadline = Date.now() + 20_000;
  let last: Inbound = { framesDecoded: 0, audioPackets: 0, videoWidth: 0 };
  while (Date.now() < deadline) {
    last = await page.evaluate(() => window.lkPeer.inbound());
    if (last.framesDecoded > 0 && last.audioPackets > 0 && last.videoWidth > 0) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`no media received within 20 s: ${JSON.stringify(last)}`);
}

test('two pages send and decode each other’s video and audio through LiveKit', async () => {
  const context = await browser.newContext();
  const family = await context.newPage();
  const prison = await context.newPage();
  for (const page of [family, prison]) await page.goto(`${pages.origin}/peer.html`);
  for (const [page, identity] of [
    [family, 'family'],
    [prison, 'prison'],
  ] as const) {
    const join = { url: livekit.url, token: await tokenFor(identity) };
    await page.evaluate(({ url, token }) => window.lkPeer.join(url, token), join);
  }

  const [familyGot, prisonGot] = await Promise.all([waitForMedia(family), waitForMedia(prison)]);
  assert.ok(familyGot.framesDecoded > 0 && familyGot.audioPackets > 0);
  assert.ok(prisonGot.framesDecoded > 0 && prisonGot.audioPackets > 0);
  assert.ok(
    prisonGot.videoWidth > 0 && familyGot.videoWidth > 0,
    'a <video> shows real frames on both sides',
  );
  await context.close();
});
