// The session calendar's own event, in the shared folder because the elements that hold a calendar
// (<visit-booking>, <visit-my-visits>) listen for it without importing the calendar's internals.
import type { Slot } from '../../api/family.js';

/** Fired (bubbling, inside the shadow root that uses the calendar) when the family picks a time. */
export class CalendarSelectEvent extends Event {
  constructor(readonly slot: Slot) {
    super('calendar-select', { bubbles: true });
  }
}
