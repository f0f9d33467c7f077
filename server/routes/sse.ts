// Server-sent event streams (one visit's, one prison's): first events, live pushes, heartbeats, shutdown.
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../context.js';
import type { C } from './common.js';

export interface SseRegistry {
  open(
    c: C,
    first: { event: string; data: unknown }[],
    subscribe: (push: (e: { event: string; data: unknown }) => void) => () => void,
  ): Response;
  closeAll(): void;
}

export function sseRegistry(ctx: AppContext): SseRegistry {
  const open = new Set<() => void>();
  return {
    open(c, first, subscribe) {
      c.header('cache-control', 'no-store');
      c.header('x-accel-buffering', 'no');
      return streamSSE(c, async (stream) => {
        let finish!: () => void;
        const done = new Promise<void>((resolve) => (finish = resolve));
        open.add(finish);
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
          open.delete(finish);
        }
      });
    },
    closeAll() {
      for (const finish of [...open]) finish();
    },
  };
}
