import { css } from 'lit';
import { tokens } from './tokens.js';

/** Styles every element shares: text, buttons, form fields, error summary, focus, motion and forced colours. */
export const sharedStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: 1.5;
      color: var(--_text);
      color-scheme: inherit;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    h2,
    h3,
    p {
      margin: 0 0 calc(var(--_space) * 2);
    }
    h2 {
      font-size: 1.5em;
      line-height: 1.25;
    }
    h3 {
      font-size: 1.2em;
      line-height: 1.3;
    }
    a {
      color: var(--_primary);
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px !important;
      height: 1px !important;
      margin: 0 !important;
      padding: 0 !important;
      overflow: hidden !important;
      clip: rect(0 0 0 0) !important;
      clip-path: inset(50%) !important;
      border: 0 !important;
      white-space: nowrap !important;
    }
    .muted,
    .hint {
      color: var(--_muted);
    }
    .stack > * + * {
      margin-top: calc(var(--_space) * 2);
    }
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--_space);
      min-height: 44px;
      padding: var(--_space) calc(var(--_space) * 2);
      border: 2px solid transparent;
      border-radius: var(--_radius);
      background: var(--_action);
      color: var(--_on-action);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      text-decoration: none;
      box-shadow: 0 2px 0 color-mix(in srgb, var(--_action) 60%, black);
    }
    .button[data-variant='secondary'] {
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 2px 0 var(--_border);
    }
    .button[data-variant='warning'] {
      background: var(--_danger);
      color: var(--_on-danger);
    }
    .button[data-variant='link'] {
      background: none;
      color: var(--_primary);
      box-shadow: none;
      text-decoration: underline;
      padding-inline: 0;
      min-height: 24px;
      font-weight: inherit;
    }
    .button:disabled,
    .button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: not-allowed;
    }
    .button-group {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 2);
      align-items: center;
    }
    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 0;
      box-shadow: 0 0 0 5px var(--_focus-text);
    }
    .button:focus-visible {
      background: var(--_focus);
      color: var(--_focus-text);
      box-shadow: 0 2px 0 var(--_focus-text);
    }
    .field {
      margin-bottom: calc(var(--_space) * 3);
    }
    .field label,
    .field legend,
    .label {
      display: block;
      font-weight: 600;
      margin-bottom: calc(var(--_space) / 2);
    }
    .field .hint {
      display: block;
      margin-bottom: var(--_space);
    }
    .field--error {
      border-left: 4px solid var(--_danger);
      padding-left: calc(var(--_space) * 1.5);
    }
    .error-message {
      display: block;
      color: var(--_danger);
      font-weight: 600;
      margin-bottom: var(--_space);
    }
    input[type='text'],
    input[type='email'],
    input[type='tel'],
    input[type='date'],
    input[type='number'],
    input[type='time'],
    select,
    textarea {
      font: inherit;
      color: var(--_text);
      background: var(--_background);
      border: 2px solid var(--_input-border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) / 2) var(--_space);
      min-height: 44px;
      width: 100%;
      max-width: 100%;
    }
    .field--error input,
    .field--error select,
    .field--error textarea {
      border-color: var(--_danger);
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      min-width: 0;
    }
    .choice {
      display: flex;
      align-items: flex-start;
      gap: var(--_space);
      padding: calc(var(--_space) / 2) 0;
    }
    .choice input {
      width: 24px;
      height: 24px;
      margin: 0;
      flex: none;
      accent-color: var(--_primary);
    }
    .choice label {
      font-weight: normal;
      margin: 0;
    }
    .error-summary {
      border: 4px solid var(--_danger);
      padding: calc(var(--_space) * 2);
      margin-bottom: calc(var(--_space) * 3);
    }
    .error-summary h2,
    #error-summary-title {
      font-size: 1.25em;
    }
    .error-summary ul {
      margin: 0;
      padding-left: 1.2em;
    }
    .error-summary a {
      color: var(--_danger);
      font-weight: 600;
    }
    .notice {
      border-left: 6px solid var(--_primary);
      background: var(--_surface);
      padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
      margin-bottom: calc(var(--_space) * 2);
    }
    .notice[data-tone='danger'] {
      border-color: var(--_danger);
    }
    .notice[data-tone='success'] {
      border-color: var(--_success);
    }
    .panel {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 2);
      background: var(--_background);
    }
    .spinner {
      display: inline-block;
      width: 1.2em;
      height: 1.2em;
      border: 3px solid var(--_border);
      border-top-color: var(--_primary);
      border-radius: 50%;
      animation: visit-spin 0.8s linear infinite;
      vertical-align: middle;
    }
    @keyframes visit-spin {
      to {
        transform: rotate(360deg);
      }
    }
    dialog {
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 3);
      max-width: min(32rem, calc(100vw - 2rem));
      color: var(--_text);
      background: var(--_background);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        animation-iteration-count: 1 !important;
        transition-duration: 0.01ms !important;
        scroll-behavior: auto !important;
      }
    }
    @media (forced-colors: active) {
      .button {
        border-color: ButtonText;
      }
      .button:focus-visible,
      :focus-visible {
        outline: 3px solid Highlight;
      }
      .error-summary,
      .field--error {
        border-color: CanvasText;
      }
    }
  `,
];
