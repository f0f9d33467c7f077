/** Status of one part of the device check. */
export type DeviceCheckStatus = 'ok' | 'warning' | 'failed' | 'unknown';

export interface DeviceCheckPart {
  readonly status: DeviceCheckStatus;
  /** Why it failed, e.g. `permission-denied`, `no-device`, `in-use`, `unsupported`, `no-signal`. */
  readonly cause?: string;
}

export interface DeviceCheckSummary {
  readonly camera: DeviceCheckPart;
  readonly microphone: DeviceCheckPart;
  readonly speaker: DeviceCheckPart;
  readonly network: DeviceCheckPart;
  readonly browser: DeviceCheckPart;
}

/** The device check finished (or a part of it changed, e.g. the speaker was confirmed). */
export class VisitDeviceCheckEvent extends Event {
  readonly result: DeviceCheckSummary;

  constructor(result: DeviceCheckSummary) {
    super('visit-device-check', { bubbles: true, composed: true });
    this.result = result;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-device-check': VisitDeviceCheckEvent;
  }
}
