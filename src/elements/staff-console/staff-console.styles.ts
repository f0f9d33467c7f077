import { css } from 'lit';

/**
 * The console's dense layout: smaller controls than the family-facing elements (staff use it all day on a
 * desktop), still ≥ 24 px targets (WCAG 2.2 AA 2.5.8) and the shared focus, forced-colours and motion rules.
 */
export const consoleStyles = css`
  :host {
    --_console-gap: var(--visit-staff-gap, calc(var(--_space) * 1.5));
    --_tile-min: var(--visit-staff-tile-min-width, 300px);
    font-size: var(--visit-staff-font-size, 0.9375rem);
    line-height: 1.4;
  }
  .button {
    min-height: 32px;
    padding: 2px 12px;
    box-shadow: none;
    border-color: color-mix(in srgb, currentColor 25%, transparent);
  }
  .button[data-size='small'] {
    min-height: 28px;
    padding: 0 8px;
    font-size: 0.9em;
  }
  input[type='text'],
  input[type='date'],
  input[type='number'],
  input[type='time'],
  select,
  textarea {
    min-height: 32px;
    padding: 2px 6px;
  }
  .field {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  h2 {
    font-size: 1.25em;
    margin-bottom: var(--_space);
  }
  h3 {
    font-size: 1.05em;
    margin: calc(var(--_space) * 2) 0 var(--_space);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: var(--_space) 0 calc(var(--_space) / 2);
  }
  th,
  td {
    text-align: start;
    padding: 4px 8px;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    white-space: nowrap;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_console-gap);
    align-items: end;
    margin-bottom: var(--_console-gap);
  }
  .toolbar .field {
    margin: 0;
  }
  .badge {
    display: inline-block;
    padding: 0 6px;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge[data-status='waiting'],
  .badge[data-status='checking'] {
    color: light-dark(#594d00, #ffdd00);
  }
  .badge[data-status='in-call'] {
    color: var(--_success);
  }
  .badge[data-status='denied'],
  .badge[data-status='no-show'],
  .badge[data-status='cancelled'] {
    color: var(--_danger);
  }
  .badge[data-status='ended'],
  .badge[data-status='booked'],
  .badge[data-status='requested'] {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .error-text {
    color: var(--_danger);
    font-weight: 600;
  }
  dialog {
    max-width: min(36rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 2);
  }
  dialog h2 {
    margin-top: 0;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: flex-end;
    margin-top: calc(var(--_space) * 2);
  }
  .notice {
    margin-bottom: var(--_console-gap);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 12px;
    margin: 0 0 var(--_space);
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
  video {
    display: block;
    width: 100%;
    aspect-ratio: 4 / 3;
    background: #0b0c0c;
    object-fit: cover;
    border-radius: var(--_radius);
  }
  @media (forced-colors: active) {
    .badge {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;
