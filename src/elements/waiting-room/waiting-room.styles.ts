import { css } from 'lit';
import { VisitElement } from '../../core/visit-element.js';
import { endStyles } from '../shared/end-screen.js';

export const waitingRoomStyles = [
  ...VisitElement.styles,
  endStyles,
  css`
    :host {
      max-width: var(--visit-waiting-room-max-width, var(--_max-width));
      overflow-wrap: anywhere;
    }
    :host([side='prisoner']) {
      font-size: calc(var(--_font-size) * 1.2);
    }
    :host([side='prisoner']) .button {
      min-height: 64px;
      padding-inline: calc(var(--_space) * 3);
    }
    :host(:state(in-call)) {
      max-width: none;
    }
    h2:focus {
      outline: none;
    }
    h2:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .when {
      font-weight: 600;
    }
    .steps {
      padding-left: 1.5em;
      margin: 0 0 calc(var(--_space) * 3);
    }
    .steps > li {
      margin-bottom: calc(var(--_space) * 3);
    }
    .status {
      border-left: 6px solid var(--_primary);
      background: var(--_surface);
      padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
      margin-bottom: calc(var(--_space) * 2);
      font-size: 1.15em;
    }
    .status p {
      margin: 0 0 var(--_space);
    }
    .status p:last-child {
      margin-bottom: 0;
    }
    .status-text {
      font-weight: 700;
    }
    .preview-wrap {
      margin: 0 0 calc(var(--_space) * 2);
      max-width: 24rem;
    }
    video.preview {
      display: block;
      width: 100%;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      transform: scaleX(-1);
      background: #0b0c0c;
      border-radius: var(--_radius);
    }
    .lobby-note.strong {
      font-weight: 700;
    }
    .meter-wrap {
      margin-bottom: calc(var(--_space) * 2);
    }
    meter {
      display: block;
      width: 100%;
      max-width: 24rem;
      height: 1.5em;
    }
    .checks {
      list-style: none;
      padding: 0;
      margin: 0 0 calc(var(--_space) * 2);
    }
    .checks li {
      padding: var(--_space) 0;
      border-bottom: 1px solid var(--_border);
    }
    .checks li[data-status='ok'] .check-status {
      color: var(--_success);
    }
    .checks li[data-status='failed'] .check-status {
      color: var(--_danger);
    }
    .fix {
      margin: calc(var(--_space) / 2) 0 0;
      border-left: 4px solid var(--_danger);
      padding-left: var(--_space);
    }
    li[data-status='warning'] .fix {
      border-left-color: var(--_muted);
    }
    .speaker,
    .heard {
      margin-bottom: calc(var(--_space) * 2);
    }
    .heard legend {
      font-weight: 600;
      margin: var(--_space) 0;
    }
    .rules ul {
      padding-left: 1.2em;
    }
    .data-saver .hint {
      display: block;
    }
    .join {
      font-size: 1.15em;
    }
    @media (forced-colors: active) {
      .status,
      .fix {
        border-color: CanvasText;
      }
    }
  `,
];
