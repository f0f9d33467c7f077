// The smallest host a Lit reactive controller needs, for controller unit tests (no element, no rendering).
import type { ReactiveController } from 'lit';
import type { VisitClient } from '../../src/api/client.js';
import type { Clock } from '../../src/api/clock.js';
import type { MessageKey, Variables } from '../../src/i18n/index.js';

/** The smallest host a controller needs: an event target that records updates and announcements. */
export class ControllerHost extends EventTarget {
  readonly controllers: ReactiveController[] = [];
  readonly announced: string[] = [];
  readonly events: Event[] = [];
  updates = 0;
  activeClient: VisitClient | undefined;
  clock: Clock = { now: () => Date.now() };
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  t(key: MessageKey, variables?: Variables): string {
    return variables ? `${key} ${JSON.stringify(variables)}` : key;
  }
  announce(message: string): void {
    this.announced.push(message);
  }
  describeError(error: unknown): string {
    return `error: ${String(error)}`;
  }
  override dispatchEvent(event: Event): boolean {
    this.events.push(event);
    return super.dispatchEvent(event);
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}
