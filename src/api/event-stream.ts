import { events } from 'fetch-event-stream';

export interface StreamEvent<T = unknown> {
  event: string;
  data: T;
}

export interface EventStreamOptions {
  signal: AbortSignal;
  onEvent(event: StreamEvent): void;
  /** Called with each (re)connection attempt's outcome, for "connection lost" indicators. */
  onStatus?(status: 'open' | 'reconnecting'): void;
}

type Fetcher = (request: Request) => Promise<Response>;

/**
 * Reads a server-sent-events stream with fetch, so the session token travels in the Authorization header
 * (EventSource cannot send headers, and tokens never go in URLs). Reconnects with backoff until aborted.
 */
export async function readEventStream(
  fetcher: Fetcher,
  url: string,
  options: EventStreamOptions,
): Promise<void> {
  let attempt = 0;
  while (!options.signal.aborted) {
    try {
      const response = await fetcher(
        new Request(url, { headers: { accept: 'text/event-stream' }, signal: options.signal }),
      );
      if (!response.body) throw new Error('event stream has no body');
      attempt = 0;
      options.onStatus?.('open');
      for await (const message of events(response, options.signal)) {
        options.onEvent({ event: message.event ?? 'message', data: parseData(message.data ?? '') });
      }
    } catch (error) {
      if (options.signal.aborted) return;
      // Authorisation failures do not heal by retrying: surface them.
      if (isFatal(error)) throw error;
    }
    if (options.signal.aborted) return;
    options.onStatus?.('reconnecting');
    attempt += 1;
    await sleep(Math.min(500 * 2 ** (attempt - 1), 10_000), options.signal);
  }
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function isFatal(error: unknown): boolean {
  const status = (error as { status?: number } | undefined)?.status;
  return status === 401 || status === 403 || status === 404;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
