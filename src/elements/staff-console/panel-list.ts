// What a console panel loads from the backend (approvals, reviews, erasure requests): one load at a time (a
// newer one aborts the older), its status and the failure's text for StaffPanel.loadState, and the value.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LoadStatus } from './staff-panel.js';

export interface PanelListHost extends ReactiveControllerHost {
  describeError(error: unknown): string;
}

export class PanelList<T> implements ReactiveController {
  value?: T;
  status: LoadStatus = 'idle';
  error?: string;
  #abort?: AbortController;

  constructor(
    private readonly host: PanelListHost,
    private readonly fetch: (signal: AbortSignal) => Promise<T>,
    /** After each successful load (e.g. the panel tells the console its new count). */
    private readonly loaded?: () => void,
  ) {
    host.addController(this);
  }

  async load(): Promise<void> {
    this.#abort?.abort();
    const controller = new AbortController();
    this.#abort = controller;
    this.status = 'pending';
    this.host.requestUpdate();
    try {
      const value = await this.fetch(controller.signal);
      if (controller.signal.aborted) return;
      this.value = value;
      this.status = 'complete';
      this.loaded?.();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = 'error';
      this.error = this.host.describeError(error);
    }
    this.host.requestUpdate();
  }

  /** Replaces the value after a local change (a decided row leaves the list). */
  set(value: T): void {
    this.value = value;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }
}
