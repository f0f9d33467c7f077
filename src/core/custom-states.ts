import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Custom states (`:state(name)`) through `ElementInternals`, for elements that expose their state to CSS.
 * The host says which states hold after every update (`compute`); this controller adds and removes them.
 * Browsers without `CustomStateSet` (or a host that cannot attach internals) simply get no states: they
 * are a styling hook only.
 */
export class CustomStatesController implements ReactiveController {
  readonly #states?: Set<string>;

  constructor(
    host: Host,
    private readonly compute: () => Record<string, boolean>,
  ) {
    try {
      this.#states = host.attachInternals().states as Set<string> | undefined;
    } catch {
      this.#states = undefined; // attachInternals unsupported or already called
    }
    host.addController(this);
  }

  hostUpdated(): void {
    this.sync();
  }

  /** Applies the current states now (also called after every host update). */
  sync(): void {
    const states = this.#states;
    if (!states) return;
    for (const [name, on] of Object.entries(this.compute())) {
      try {
        if (on) states.add(name);
        else states.delete(name);
      } catch {
        // older browsers: custom states unsupported
      }
    }
  }

  /** Whether `name` is set (false where custom states are unsupported). */
  has(name: string): boolean {
    return this.#states?.has(name) ?? false;
  }
}
