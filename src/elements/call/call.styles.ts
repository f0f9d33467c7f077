import { css } from 'lit';
import { VisitElement } from '../../core/visit-element.js';
import { endStyles } from '../shared/end-screen.js';

/** Styles of `<visit-call>`. */
export const callStyles = [
  ...VisitElement.styles,
  endStyles,
  css`
    :host {
      --_stage-bg: var(--visit-call-stage-background, #0b0c0c);
      --_stage-height: var(--visit-call-stage-height, min(70vh, 40rem));
      --_self-width: var(--visit-call-self-width, 28%);
      --_control: var(--visit-call-control-size, 48px);
      max-width: 100%;
      overflow-wrap: anywhere;
    }
    :host([side='prisoner']) {
      --_control: var(--visit-call-control-size, 64px);
      font-size: calc(var(--_font-size) * 1.2);
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: var(--_space);
    }
    .header p {
      margin: 0;
    }
    .countdown {
      display: flex;
      align-items: baseline;
      gap: var(--_space);
      font-weight: 700;
    }
    .countdown .clock {
      font-size: 1.6em;
      font-variant-numeric: tabular-nums;
    }
    .quality {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) / 2);
    }
    .bars {
      display: inline-flex;
      align-items: flex-end;
      gap: 2px;
      height: 1em;
    }
    .bars span {
      width: 4px;
      background: var(--_border);
      border: 1px solid var(--_text);
    }
    .bars span:nth-child(1) {
      height: 35%;
    }
    .bars span:nth-child(2) {
      height: 65%;
    }
    .bars span:nth-child(3) {
      height: 100%;
    }
    [data-quality='excellent'] .bars span,
    [data-quality='good'] .bars span:nth-child(-n + 2),
    [data-quality='poor'] .bars span:nth-child(1) {
      background: var(--_text);
    }
    .warning {
      border: 4px solid var(--_danger);
      background: var(--_background);
      padding: calc(var(--_space) * 2);
    }
    .warning-title {
      font-size: 1.25em;
    }
    .stage {
      position: relative;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
      gap: 2px;
      min-height: 12rem;
      height: var(--_stage-height);
      background: var(--_stage-bg);
      color: #ffffff;
      border-radius: var(--_radius);
      overflow: hidden;
    }
    figure {
      margin: 0;
      position: relative;
      min-height: 0;
    }
    video {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: var(--_stage-bg);
    }
    video.off {
      visibility: hidden;
    }
    .self video {
      transform: scaleX(-1);
      object-fit: cover;
    }
    .name {
      position: absolute;
      left: var(--_space);
      bottom: var(--_space);
      padding: 2px 8px;
      background: rgb(0 0 0 / 0.75);
      color: #ffffff;
      font-weight: 600;
      border-radius: var(--_radius);
    }
    .mic-off {
      margin-left: var(--_space);
      font-weight: normal;
    }
    .camera-off,
    .waiting-remote p {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      text-align: center;
      margin: 0;
      padding: calc(var(--_space) * 2);
      font-size: 1.2em;
    }
    .waiting-remote {
      position: relative;
    }
    .camera-off.small {
      font-size: 0.85em;
      padding: var(--_space);
    }
    .self {
      position: absolute;
      width: var(--_self-width);
      min-width: 96px;
      aspect-ratio: 4 / 3;
      border: 2px solid #ffffff;
      border-radius: var(--_radius);
      overflow: hidden;
      background: var(--_stage-bg);
      z-index: 1;
    }
    .self[data-corner='bottom-end'] {
      right: var(--_space);
      bottom: var(--_space);
    }
    .self[data-corner='bottom-start'] {
      left: var(--_space);
      bottom: var(--_space);
    }
    .self[data-corner='top-start'] {
      left: var(--_space);
      top: var(--_space);
    }
    .self[data-corner='top-end'] {
      right: var(--_space);
      top: var(--_space);
    }
    .self .name {
      font-size: 0.8em;
      left: 4px;
      bottom: 4px;
    }
    .overlay {
      position: absolute;
      inset: auto 0 0 0;
      z-index: 2;
      display: flex;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 1.5);
      background: rgb(0 0 0 / 0.85);
      color: #ffffff;
      font-weight: 600;
    }
    .overlay p {
      margin: 0;
    }
    .audio-button {
      position: absolute;
      z-index: 3;
      inset: 50% auto auto 50%;
      transform: translate(-50%, -50%);
      font-size: 1.4em;
      min-height: 88px;
      padding: calc(var(--_space) * 2) calc(var(--_space) * 4);
      max-width: 90%;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .controls .button {
      min-height: var(--_control);
      min-width: var(--_control);
    }
    .toggle[aria-pressed='false'] {
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 2px 0 var(--_border);
      text-decoration: line-through;
    }
    .icon {
      font-size: 0.8em;
    }
    .leave-button {
      margin-inline-start: auto;
    }
    .notice p {
      margin-bottom: var(--_space);
    }
    .idle {
      padding: calc(var(--_space) * 2) 0;
    }
    dialog select {
      width: 100%;
    }
    /* Wide screens: every control in the bar, no "More". */
    .more {
      display: contents;
    }
    .more-button {
      display: none;
    }
    @media (max-width: 30em) {
      .leave-button {
        margin-inline-start: 0;
      }
      .self {
        min-width: 80px;
      }
    }
    /* Phones (portrait or landscape): microphone, camera, More and Leave in the bar; the rest behind More.
       The time left, the picture and those four controls fit the screen together (issue 13). */
    @media (max-width: 40em), (max-height: 30em) {
      .more-button {
        display: inline-flex;
      }
      .more {
        display: none;
      }
      .more[data-open] {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        order: 1;
        flex-basis: 100%;
      }
      .leave-button {
        margin-inline-start: 0;
      }
      .self {
        /* small enough to stay in the picture's corner, outside its middle half where a face is */
        width: 20%;
        min-width: 64px;
        max-width: 120px;
      }
      .self[data-corner] {
        /* over the picture's edge, clear of the centre where faces are */
        inset: auto;
      }
      .self[data-corner='bottom-end'],
      .self[data-corner='top-end'] {
        right: 4px;
      }
      .self[data-corner='bottom-start'],
      .self[data-corner='top-start'] {
        left: 4px;
      }
      .self[data-corner^='bottom'] {
        bottom: 4px;
      }
      .self[data-corner^='top'] {
        top: 4px;
      }
    }
    @media (max-width: 40em) and (min-height: 30.01em) {
      .stage {
        height: auto;
        min-height: 0;
        aspect-ratio: var(--_ratio, 4 / 3);
        max-height: 55vh;
      }
    }
    /* Landscape phones: the picture on the left, the controls in a column on the right. */
    @media (max-height: 30em) {
      .base {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        column-gap: var(--_space);
        row-gap: calc(var(--_space) / 2);
      }
      .base > * {
        grid-column: 1 / -1;
      }
      .base > .stage {
        grid-column: 1;
        height: calc(100vh - 4.5rem);
        min-height: 0;
      }
      .base > .controls {
        grid-column: 2;
        grid-row: span 1;
        flex-direction: column;
        flex-wrap: nowrap;
        align-self: start;
        max-height: calc(100vh - 4.5rem);
        overflow-y: auto;
      }
      .header .countdown .clock {
        font-size: 1.3em;
      }
      .more[data-open] {
        flex-direction: column;
        order: 0;
      }
    }
    @media (forced-colors: active) {
      .stage,
      .self,
      .warning,
      .overlay,
      .name {
        border: 2px solid CanvasText;
      }
      .bars span {
        background: Canvas;
        border-color: CanvasText;
        forced-color-adjust: none;
      }
      [data-quality='excellent'] .bars span,
      [data-quality='good'] .bars span:nth-child(-n + 2),
      [data-quality='poor'] .bars span:nth-child(1) {
        background: CanvasText;
      }
      .toggle[aria-pressed='true'] {
        border: 4px solid Highlight;
      }
    }
  `,
];
