// "Someone else booked that time": the notice with the nearest free sessions, shared by the booking journey
// and by changing a visit in <visit-my-visits>.
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from '../../i18n/index.js';
import type { Slot } from '../../api/family.js';

export interface SlotTakenOptions {
  /** The element's translator (the texts are in the booking area). */
  t(key: MessageKey): string;
  alternatives: Slot[];
  busy: boolean;
  /** The button text for one alternative. */
  label(slot: Slot): string;
  choose(slot: Slot): void;
}

export function renderSlotTaken(options: SlotTakenOptions): TemplateResult {
  return html`<div class="notice alternatives" data-tone="danger" part="notice alternatives" tabindex="-1">
    <p>${options.t('booking.slot.taken')}</p>
    ${
      options.alternatives.length
        ? html`<p>${options.t('booking.slot.alternatives')}</p>
            <ul>
              ${options.alternatives.map(
                (slot) =>
                  html`<li>
                    <button
                      type="button"
                      class="button"
                      data-variant="link"
                      ?disabled=${options.busy}
                      @click=${() => options.choose(slot)}
                    >
                      ${options.label(slot)}
                    </button>
                  </li>`,
              )}
            </ul>`
        : html`<p>${options.t('booking.slot.noAlternatives')}</p>`
    }
  </div>`;
}
