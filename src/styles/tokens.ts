import { css } from 'lit';

/**
 * Design tokens. Every element reads `--visit-*` custom properties set by the host page, falling back to
 * these defaults (GOV.UK-like). Colours use `light-dark()`, so the elements follow the host page's own
 * `color-scheme`: a page declaring `color-scheme: light dark` gets the dark palette on dark systems.
 */
export const tokens = css`
  :host {
    --_text: var(--visit-color-text, light-dark(#0b0c0c, #f3f2f1));
    --_muted: var(--visit-color-muted, light-dark(#505a5f, #b1b4b6));
    --_background: var(--visit-color-background, light-dark(#ffffff, #1b1b1b));
    --_surface: var(--visit-color-surface, light-dark(#f3f2f1, #2b2b2b));
    --_border: var(--visit-color-border, light-dark(#b1b4b6, #6f777b));
    --_input-border: var(--visit-color-input-border, light-dark(#0b0c0c, #f3f2f1));
    --_primary: var(--visit-color-primary, light-dark(#1d70b8, #5694ca));
    --_on-primary: var(--visit-color-on-primary, light-dark(#ffffff, #0b0c0c));
    --_action: var(--visit-color-action, light-dark(#00703c, #00a05a));
    --_on-action: var(--visit-color-on-action, #ffffff);
    --_danger: var(--visit-color-danger, light-dark(#d4351c, #ff7a66));
    --_on-danger: var(--visit-color-on-danger, light-dark(#ffffff, #0b0c0c));
    --_success: var(--visit-color-success, light-dark(#00703c, #4ec98a));
    --_focus: var(--visit-color-focus, #ffdd00);
    --_focus-text: var(--visit-color-focus-text, #0b0c0c);
    --_font: var(--visit-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_font-size: var(--visit-font-size, 1rem);
    --_radius: var(--visit-radius, 4px);
    --_space: var(--visit-space, 8px);
    --_max-width: var(--visit-max-width, 40rem);
  }
`;
