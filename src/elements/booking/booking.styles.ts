import { css } from 'lit';

// What the first screens (sign-in, code, person) use; the later screens' rules load with them.
export const bookingStyles = css`
  :host {
    max-width: var(--visit-booking-max-width, var(--_max-width));
    overflow-wrap: anywhere;
  }
  .caption {
    display: block;
    color: var(--_muted);
    font-size: 1.1em;
    margin-bottom: calc(var(--_space) / 2);
  }
  /* The same look whatever heading-level makes of them. */
  [data-heading] {
    font-size: 1.5em;
    line-height: 1.25;
    margin: 0 0 calc(var(--_space) * 2);
  }
  .subheading {
    font-size: 1.2em;
    line-height: 1.3;
    margin: 0 0 calc(var(--_space) * 2);
  }
  [data-heading]:focus {
    outline: none;
  }
  [data-heading]:focus-visible {
    outline: 3px solid var(--_focus);
  }
  /* A choice's hint sits under its label, outside it: it is read once, as the description. */
  .choice .hint {
    display: block;
  }
  .back {
    margin-bottom: calc(var(--_space) * 2);
  }
`;
