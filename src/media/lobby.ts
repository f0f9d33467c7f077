// What the waiting room loads from the media layer before any call: the device check, the data-use estimate
// and reading the backend's clock from a token. One module, so one lazy chunk (each chunk costs its own
// request and gzip overhead), and no livekit-client: that comes only with session.ts.
export * from './device-check.js';
export * from './data-use.js';
export { tokenIssuedAt } from './clock.js';
