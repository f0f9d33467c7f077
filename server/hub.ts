// In-process fan-out of server-sent events, per visit and per prison.
export interface HubEvent {
  event: string;
  data: unknown;
}
type Listener = (event: HubEvent) => void;

export class Hub {
  private visits = new Map<string, Set<Listener>>();
  private prisons = new Map<string, Set<Listener>>();

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
  toVisit(visitId: string, event: HubEvent) {
    for (const fn of this.visits.get(visitId) ?? []) fn(event);
  }
  toPrison(prisonCode: string, event: HubEvent) {
    for (const fn of this.prisons.get(prisonCode) ?? []) fn(event);
  }
  get listeners() {
    let n = 0;
    for (const s of this.visits.values()) n += s.size;
    for (const s of this.prisons.values()) n += s.size;
    return n;
  }
}
