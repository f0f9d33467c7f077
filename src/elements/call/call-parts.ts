// Pieces of the call's view as render functions of state, strings and handlers: the device-error notices and
// the two dialogs (the element owns the dialogs' opening, closing and focus).
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, Variables } from '../../i18n/index.js';
import type { StaffWarningDto } from '../../api/calls.js';
import type { CallSessionLike, CallState, DataSaverMode } from '../shared/media-loader.js';

export type Translate = (key: MessageKey, variables?: Variables) => string;

/**
 * The countdown for screen readers, never more than the clock shows: "1 minute, 10 seconds" under ten
 * minutes, whole minutes (rounded down) above, seconds in the last minute.
 */
export function spokenTimeLeft(t: Translate, ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000)); // the same seconds as the visible clock
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes === 0) return t('common.seconds', { count: seconds });
  if (seconds === 0 || minutes >= 10) return t('common.minutes', { count: minutes });
  return t('call.minutesAndSeconds', {
    minutes: t('common.minutes', { count: minutes }),
    seconds: t('common.seconds', { count: seconds }),
  });
}

/** A fixed mm:ss (or h:mm:ss) for the countdown. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = hours ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

const MODES: DataSaverMode[] = ['normal', 'low-video', 'audio-only'];

/** The family's device settings dialog: camera, microphone, speaker and data saver. */
export function renderSettingsDialog(
  t: Translate,
  snapshot: CallState,
  session: CallSessionLike | undefined,
  close: () => void,
): TemplateResult {
  const byKind = (kind: MediaDeviceKind) => snapshot.devices.filter((device) => device.kind === kind);
  const select = (kind: MediaDeviceKind, label: MessageKey) => {
    const devices = byKind(kind);
    if (!devices.length) return nothing;
    const id = `device-${kind}`;
    return html`<div class="field">
      <label for=${id}>${t(label)}</label>
      <select
        id=${id}
        @change=${(event: Event) =>
          void session?.switchDevice?.(kind, (event.target as HTMLSelectElement).value)}
      >
        ${devices.map(
          (device, index) =>
            html`<option
              value=${device.deviceId}
              ?selected=${snapshot.activeDevices[kind as keyof typeof snapshot.activeDevices] === device.deviceId}
            >
              ${device.label || t('call.deviceN', { n: index + 1 })}
            </option>`,
        )}
      </select>
    </div>`;
  };
  return html`<dialog class="settings" part="dialog settings-dialog" aria-labelledby="settings-title">
    <h2 id="settings-title">${t('call.settingsTitle')}</h2>
    ${select('videoinput', 'call.cameraSelect')} ${select('audioinput', 'call.microphoneSelect')}
    ${select('audiooutput', 'call.speakerSelect')}
    ${
      session?.setDataSaverMode
        ? html`<fieldset class="field">
            <legend>${t('dataSaver.legend')}</legend>
            ${MODES.map(
              (mode) =>
                html`<div class="choice">
                  <input
                    type="radio"
                    name="call-data-saver"
                    id=${`call-mode-${mode}`}
                    .checked=${snapshot.dataSaver.chosen === mode}
                    @change=${() => void session?.setDataSaverMode?.(mode)}
                  />
                  <label for=${`call-mode-${mode}`}>${t(`dataSaver.mode.${mode}` as MessageKey)}</label>
                </div>`,
            )}
          </fieldset>`
        : nothing
    }
    <button type="button" class="button" part="button" @click=${close}>${t('common.close')}</button>
  </dialog>`;
}

/** Asks the family to confirm leaving (the kiosk leaves at once). */
export function renderLeaveDialog(t: Translate, on: { leave: () => void; stay: () => void }): TemplateResult {
  return html`<dialog class="leave" part="dialog leave-dialog" aria-labelledby="leave-title">
    <h2 id="leave-title">${t('call.leaveTitle')}</h2>
    <p>${t('call.leaveBody')}</p>
    <div class="button-group">
      <button
        type="button"
        class="button"
        data-variant="warning"
        part="button confirm-leave"
        @click=${on.leave}
      >
        ${t('call.leaveConfirm')}
      </button>
      <button type="button" class="button stay" data-variant="secondary" part="button stay" @click=${on.stay}>
        ${t('call.stay')}
      </button>
    </div>
  </dialog>`;
}

/** A notice for each device the session could not use, with how to fix it. */
export function renderDeviceErrors(t: Translate, snapshot: CallState): TemplateResult | typeof nothing {
  const problems: TemplateResult[] = [];
  for (const kind of ['microphone', 'camera'] as const) {
    const error = snapshot[kind].error;
    if (!error) continue;
    problems.push(
      html`<p class="notice" data-tone="danger" part="notice device-error">
        ${t(`check.fix.${error}` as MessageKey, { device: t(`check.device.${kind}`) })}
      </p>`,
    );
  }
  return problems.length ? html`${problems}` : nothing;
}

/** The bar above the videos: time left (a clock, and words for screen readers) and connection quality. */
export function renderHeader(
  t: Translate,
  left: number | undefined,
  quality: CallState['localQuality'],
): TemplateResult {
  return html`<div class="header" part="header">
    <p class="countdown" part="countdown" data-ms=${left ?? ''}>
      <span class="label">${t('call.timeLeft')}</span>
      <span class="clock" aria-hidden="true">${left === undefined ? '–:––' : formatClock(left)}</span>
      <span class="visually-hidden"
        >${left === undefined ? t('call.timeUnknown') : spokenTimeLeft(t, left)}</span
      >
    </p>
    <p class="quality" part="quality" data-quality=${quality}>
      <span class="bars" aria-hidden="true"><span></span><span></span><span></span></span>
      ${t('call.quality', { quality: t(`call.quality.${quality}` as MessageKey) })}
    </p>
  </div>`;
}

/** A message from prison staff, until the person dismisses it. */
export function renderWarning(
  t: Translate,
  warning: StaffWarningDto | undefined,
  dismiss: () => void,
): TemplateResult | typeof nothing {
  if (!warning) return nothing;
  return html`<div class="warning" part="warning" role="alert">
    <h2 class="warning-title">${t('call.warningTitle')}</h2>
    <p>${warning.message}</p>
    <button type="button" class="button" data-variant="secondary" part="button" @click=${dismiss}>
      ${t('call.warningOk')}
    </button>
  </div>`;
}
