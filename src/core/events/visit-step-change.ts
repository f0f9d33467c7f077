/**
 * The booking journey moved to another screen. `step` is the numbered step (`sign-in`, `prisoner`,
 * `visitors`, `slot`, `details`, `check`) or `confirmation`; `view` the screen inside it (e.g. `code`,
 * `link-request`); `index`/`total` what "Step N of M" shows (0 on the confirmation).
 */
export class VisitStepChangeEvent extends Event {
  readonly step: string;
  readonly view: string;
  readonly index: number;
  readonly total: number;

  constructor(init: { step: string; view: string; index: number; total: number }) {
    super('visit-step-change', { bubbles: true, composed: true });
    this.step = init.step;
    this.view = init.view;
    this.index = init.index;
    this.total = init.total;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-step-change': VisitStepChangeEvent;
  }
}
