// What visit-kit uses of livekit-client at run time, in one list. visit-kit's builds bundle livekit-client from
// its TypeScript source (scripts/livekit-source.mjs); rollup.config.js flattens this module on its own with
// esbuild, which then keeps only what these names need (its tree-shaking of that source is finer than rollup's).
// Types are imported from 'livekit-client' directly: they leave nothing in the output.
export {
  AudioPresets,
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  VideoQuality,
} from 'livekit-client';
