// Loaded as a module Worker by import.test.ts: no `window`, no `document` — like server-side rendering.
export {};

try {
  const media = await import('../../src/media/index.js');
  const session = new media.CallSession();
  postMessage({ ok: true, phase: session.getState().connection.phase, browser: media.checkBrowser().status });
} catch (error) {
  postMessage({ ok: false, error: String(error) });
}
