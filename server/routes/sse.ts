// Server-sent event streams (one visit's, one prison's): first events, live pushes, heartbeats, shutdown;
// at most `limits.streamsPerPrincipal` open at once per signed-in caller on this replica, and every stream
// of a caller can be closed at once (sign-out, a removed device).
import { streamSSE } from 'hono/streaming';
import { rateLimited } from '../auth.js';
import type { AppContext } from '../context.js';
import type { C } from './common.js';

/** What a refused stream's `Retry-After` says: about one heartbeat, time for a closed tab's stream to go. */
const STREAM_RETRY_AFTER_S = 15;

export interface SseRegistry {
  open(
    c: C,
    first: { event: string; data: unknown }[],
    subscribe: (push: (e: { event: string; data: unknown }) => void) => () => void,
  ): Response;
  /** Ends the open streams of callers (`role:id`) the predicate picks; answers how many it ended. */
  closeWhere(pick: (caller: string) => boolean): number;
  /** How many streams this caller has open here. */
  openFor(caller: string): number;
  closeAll(): void;
}

export function sseRegistry(ctx: AppContext): SseRegistry {
  const open = new Map<string, Set<() => void>>();
  return {
    open(c, first, subscribe) {
      const caller = c.get('caller');
      const mine = open.get(caller) ?? new Set<() => void>();
      if (mine.size >= ctx.limits.streamsPerPrincipal)
        throw rateLimited(
          STREAM_RETRY_AFTER_S,
          `At most ${ctx.limits.streamsPerPrincipal} event streams may be open at once. Close one first.`,
        );
      open.set(caller, mine);
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      // counted from now, before the stream body starts, so a burst of opens cannot slip past the cap
      mine.add(finish);
      c.header('cache-control', 'no-store');
      c.header('x-accel-buffering', 'no');
      return streamSSE(c, async (stream) => {
        stream.onAbort(finish);
        let chain = Promise.resolve();
        const write = (e: { event: string; data: unknown }) => {
          chain = chain
            .then(() => stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) }))
            .catch(() => finish());
        };
        for (const e of first) write(e);
        const off = subscribe(write);
        const heartbeat = setInterval(() => {
          chain = chain
            .then(() => stream.write(': heartbeat\n\n').then(() => undefined))
            .catch(() => finish());
        }, ctx.config.heartbeatMs);
        try {
          await done;
        } finally {
          clearInterval(heartbeat);
          off();
          mine.delete(finish);
          if (!mine.size && open.get(caller) === mine) open.delete(caller);
        }
      });
    },
    closeWhere(pick) {
      let ended = 0;
      for (const [caller, finishes] of open)
        if (pick(caller))
          for (const finish of [...finishes]) {
            finish();
            ended += 1;
          }
      return ended;
    },
    openFor: (caller) => open.get(caller)?.size ?? 0,
    closeAll() {
      for (const finishes of [...open.values()]) for (const finish of [...finishes]) finish();
    },
  };
}
