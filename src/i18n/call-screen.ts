// The call's own screen strings (controls, tiles, settings, notices), as an area of their own: only
// <visit-call> names it, and it loads after the waiting room's first screen, so its English rides in the call's
// chunk instead of the waiting room's. Defined here, not in areas.ts, because areas.ts is on every page and
// would carry these strings with it.
import type { MessageArea } from './areas.js';
import { callScreen } from './en/call-screen.js';

export const callScreenMessages: MessageArea = {
  en: callScreen,
  others: { cy: () => import('./cy/call-screen.js').then((module) => module.callScreen) },
};
