import { css } from 'lit';

// The later screens' rules (booking-steps.ts), adopted when those screens load.
export const bookingStepsStyles = css`
  .date-input {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .date-input .item label {
    font-weight: normal;
  }
  .date-input input {
    width: 4.5em;
  }
  .date-input .item:last-child input {
    width: 6em;
  }
  .summary-list {
    margin: 0 0 calc(var(--_space) * 3);
  }
  .summary-list > div {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) / 2);
    padding: var(--_space) 0;
    border-bottom: 1px solid var(--_border);
  }
  @media (min-width: 40em) {
    .summary-list > div {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
    }
  }
  .summary-list dt {
    font-weight: 600;
  }
  .summary-list dd {
    margin: 0;
  }
  .confirmation {
    background: var(--_success);
    color: #fff;
    padding: calc(var(--_space) * 3);
    text-align: center;
    margin-bottom: calc(var(--_space) * 3);
  }
  .confirmation [data-heading] {
    font-size: 1.75em;
  }
  .confirmation .reference {
    display: block;
    font-size: 1.5em;
    font-weight: 700;
    letter-spacing: 0.1em;
  }
  .confirmation[data-status='requested'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .hold {
    font-weight: 600;
  }
  .limits {
    margin: 0 0 calc(var(--_space) * 2);
    padding-left: 1.2em;
  }
  textarea {
    min-height: 6em;
  }
  .add-visitor {
    margin-block: calc(var(--_space) * 4);
  }
  .add-visitor summary {
    color: var(--_primary);
    text-decoration: underline;
    cursor: pointer;
    min-height: 24px;
  }
  .add-visitor[open] summary {
    margin-bottom: calc(var(--_space) * 2);
  }
  @media (forced-colors: active) {
    .confirmation {
      border: 3px solid CanvasText;
    }
  }
`;
