// The main entry: classes, types and helpers. Importing it registers no element (see ./define).
export const VERSION = '0.1.0';

// The API client and the contract adapters (family, calls, staff): the same exports as `visit-kit/api`.
export * from './api/index.js';
export { VisitElement } from './core/visit-element.js';
export { visitEnvironmentContext, type VisitEnvironment } from './core/context.js';
export { defineElement, tagName, useTagPrefix } from './core/define.js';
export { VisitErrorEvent } from './core/events/visit-error.js';
export { VisitValidationErrorEvent } from './core/events/visit-validation-error.js';
export {
  registerLocale,
  translate,
  SHIPPED_LOCALES,
  type MessageKey,
  type StringOverrides,
} from './i18n/index.js';
// What VisitElement#formatDateTime was: subclasses call it with their `this.locale`.
export { formatDateTime } from './i18n/dates.js';
export { VisitProvider } from './elements/provider/provider.js';
export { VisitStepChangeEvent } from './core/events/visit-step-change.js';
export { VisitBookedEvent } from './core/events/visit-booked.js';
export { VisitJoinRequestedEvent } from './core/events/visit-join-requested.js';
export { VisitRequestCancelEvent } from './core/events/visit-request-cancel.js';
export { VisitBooking } from './elements/booking/booking.js';
export { VisitSessionCalendar } from './elements/session-calendar/session-calendar.js';
export {
  initialState as bookingInitialState,
  progress as bookingProgress,
  type BookingState,
  type BookingEvent,
  type StepId as BookingStepId,
} from './elements/booking/booking-machine.js';
export { transition as bookingTransition } from './elements/booking/booking-journey-machine.js';
export { VisitMyVisits } from './elements/my-visits/my-visits.js';
export { VisitStaffActionEvent, type StaffActionKind } from './core/events/visit-staff-action.js';
export { VisitStaffConsole, type ConsoleTab } from './elements/staff-console/staff-console.js';
export { VisitWaitingRoom, type WaitingStage } from './elements/waiting-room/waiting-room.js';
export { VisitCall } from './elements/call/call.js';
export type { CallSessionLike, DeviceChecker, SessionFactory } from './elements/shared/media-loader.js';
export { VisitAdmittedEvent } from './core/events/visit-admitted.js';
export { VisitJoinedEvent } from './core/events/visit-joined.js';
export { VisitTimeWarningEvent } from './core/events/visit-time-warning.js';
export { VisitConnectionChangedEvent } from './core/events/visit-connection-changed.js';
export { VisitEndedEvent, type VisitEndReason } from './core/events/visit-ended.js';
export {
  VisitDeviceCheckEvent,
  type DeviceCheckSummary,
  type DeviceCheckPart,
  type DeviceCheckStatus,
} from './core/events/visit-device-check.js';
export { VisitRequestLeaveEvent } from './core/events/visit-request-leave.js';
