// Fan-out of server-sent events, per visit, per prison and per family (a signed-in visitor). In-process by default; with PostgreSQL a relay
// (LISTEN/NOTIFY) carries every event to the other backend replicas, so a family connected to one replica
// sees an admission made on another.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface HubEvent {
  event: string;
  data: unknown;
}
type Listener = (event: HubEvent) => void;
type Scope = 'visit' | 'prison' | 'user';

interface RelayMessage {
  origin: string;
  scope: Scope;
  key: string;
  event: HubEvent;
}

/** Carries hub events between processes. */
export interface Relay {
  send(message: RelayMessage): void;
  close(): Promise<void>;
}

export class Hub {
  private visits = new Map<string, Set<Listener>>();
  private prisons = new Map<string, Set<Listener>>();
  private users = new Map<string, Set<Listener>>();
  private relay: Relay | undefined;
  readonly origin = randomUUID();

  private add(map: Map<string, Set<Listener>>, key: string, fn: Listener): () => void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) map.delete(key);
    };
  }
  onVisit(visitId: string, fn: Listener) {
    return this.add(this.visits, visitId, fn);
  }
  onPrison(prisonCode: string, fn: Listener) {
    return this.add(this.prisons, prisonCode, fn);
  }
  /** A family's own stream: only events about that visitor's visits and links are published to it. */
  onUser(userId: string, fn: Listener) {
    return this.add(this.users, userId, fn);
  }
  toUser(userId: string, event: HubEvent) {
    this.publish('user', userId, event);
  }
  toVisit(visitId: string, event: HubEvent) {
    this.publish('visit', visitId, event);
  }
  toPrison(prisonCode: string, event: HubEvent) {
    this.publish('prison', prisonCode, event);
  }
  get listeners() {
    let n = 0;
    for (const s of this.visits.values()) n += s.size;
    for (const s of this.prisons.values()) n += s.size;
    for (const s of this.users.values()) n += s.size;
    return n;
  }

  /** Sends every event to other processes through `relay`, and delivers theirs here. */
  useRelay(relay: Relay) {
    this.relay = relay;
  }

  /** Delivers an event that another process published (ignores our own, which were delivered already). */
  receive(message: RelayMessage) {
    if (message.origin !== this.origin) this.deliver(message.scope, message.key, message.event);
  }

  private publish(scope: Scope, key: string, event: HubEvent) {
    this.deliver(scope, key, event);
    this.relay?.send({ origin: this.origin, scope, key, event });
  }

  private deliver(scope: Scope, key: string, event: HubEvent) {
    const map = scope === 'visit' ? this.visits : scope === 'prison' ? this.prisons : this.users;
    for (const fn of map.get(key) ?? []) fn(event);
  }
}

const CHANNEL = 'visit_kit_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

/** A relay over PostgreSQL LISTEN/NOTIFY on a dedicated connection. */
export async function startPgRelay(
  connectionString: string,
  hub: Hub,
  log: (line: string) => void,
): Promise<Relay> {
  // One dedicated connection; when the database drops it (restart, failover) a new one is opened and
  // LISTENs again, so events keep crossing replicas afterwards. Events published while it was down are lost
  // (an event stream's first message after reconnecting is the current state, not a replay).
  let closed = false;
  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (notification) => {
      if (notification.channel !== CHANNEL || !notification.payload) return;
      try {
        hub.receive(JSON.parse(notification.payload) as RelayMessage);
      } catch {
        log('relay: ignored a malformed notification');
      }
    });
    let lost = false;
    const onLost = (why: string) => {
      if (lost || closed) return;
      lost = true;
      log(`relay: connection lost (${why}), reconnecting`);
      void reconnect();
    };
    next.on('error', (error) => onLost(error.message));
    next.on('end', () => onLost('ended'));
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    return next;
  };
  const reconnect = async () => {
    for (let attempt = 0; !closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5000)));
      try {
        const next = await connect();
        if (closed) await next.end().catch(() => {});
        else client = next;
        return;
      } catch (error) {
        log(`relay: reconnect failed (${(error as Error).message})`);
      }
    }
  };
  let client = await connect();
  // One query at a time on this connection, in publish order.
  let sending: Promise<unknown> = Promise.resolve();
  return {
    send(message) {
      const payload = JSON.stringify(message);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
        log(`relay: event ${message.event.event} too large to relay (${payload.length} bytes)`);
        return;
      }
      sending = sending
        .then(() => client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]))
        .catch((error: Error) => log(`relay: could not notify (${error.message})`));
    },
    close: async () => {
      closed = true;
      await sending;
      await client.end().catch(() => {});
    },
  };
}
