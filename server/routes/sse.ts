// Server-sent event streams (one visit's, one prison's): first events, live pushes, heartbeats, shutdown;
// at most `limits.streamsPerPrincipal` open at once per signed-in caller on this replica, and every stream
// of a caller can be closed at once (sign-out, a removed device). A stream makes no requests, so every
// `sessionCheckMs` one query looks at the sessions of all open streams and ends those whose session ended
// (on any replica: the check is in the database).
import { streamSSE } from 'hono/streaming';
import { rateLimited } from '../auth.js';
import type { AppContext } from '../context.js';
import { DEFAULT_SESSION_CHECK_MS, liveSessions } from '../session-state.js';
import type { C } from './common.js';

/** What a refused stream's `Retry-After` says: about one heartbeat, time for a closed tab's stream to go. */
const STREAM_RETRY_AFTER_S = 15;

export interface SseRegistry {
  open(
    c: C,
    first: { event: string; data: unknown }[],
    subscribe: (push: (e: { event: string; data: unknown }) => void) => () => void,
  ): Response;
  /** Ends the open streams of callers (`role:id`) and sessions the predicate picks; answers how many. */
  closeWhere(pick: (caller: string, session: string) => boolean): number;
  /** How many streams this caller has open here. */
  openFor(caller: string): number;
  closeAll(): void;
}

export function sseRegistry(ctx: AppContext): SseRegistry {
  // caller → (finish → session id)
  const open = new Map<string, Map<() => void, string>>();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const sids = new Set<string>();
      for (const streams of open.values()) for (const sid of streams.values()) sids.add(sid);
      const live = await liveSessions(ctx, [...sids]);
      for (const streams of [...open.values()])
        for (const [finish, sid] of [...streams]) if (!live.has(sid)) finish();
    } catch (error) {
      ctx.log(`stream sweep: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      sweeping = false;
    }
  };
  const watch = () => {
    if (sweeper) return;
    sweeper = setInterval(() => void sweep(), ctx.config.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS);
    sweeper.unref();
  };
  const unwatchIfIdle = () => {
    if (open.size || !sweeper) return;
    clearInterval(sweeper);
    sweeper = undefined;
  };
  return {
    open(c, first, subscribe) {
      const caller = c.get('caller');
      const mine = open.get(caller) ?? new Map<() => void, string>();
      if (mine.size >= ctx.limits.streamsPerPrincipal)
        throw rateLimited(STREAM_RETRY_AFTER_S, {
          text: 'At most {n} event streams may be open at once. Close one first.',
          vars: { n: ctx.limits.streamsPerPrincipal },
        });
      open.set(caller, mine);
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      // counted from now, before the stream body starts, so a burst of opens cannot slip past the cap
      mine.set(finish, c.get('session'));
      watch();
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
          unwatchIfIdle();
        }
      });
    },
    closeWhere(pick) {
      let ended = 0;
      for (const [caller, streams] of [...open])
        for (const [finish, sid] of [...streams])
          if (pick(caller, sid)) {
            finish();
            ended += 1;
          }
      return ended;
    },
    openFor: (caller) => open.get(caller)?.size ?? 0,
    closeAll() {
      for (const streams of [...open.values()]) for (const finish of [...streams.keys()]) finish();
    },
  };
}
