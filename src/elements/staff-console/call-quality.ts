// Renders a call's quality evidence (each side's latest summary) for the live tile and the visit's history.
import { html, nothing } from 'lit';
import type { CallQuality } from '../../api/staff.js';
import type { MessageKey } from '../../i18n/index.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function renderQuality(t: Translate, quality: CallQuality | undefined) {
  if (!quality) return nothing;
  return html`<div class="quality" data-quality>
    <h3 class="tight">${t('staff.quality.heading')}</h3>
    ${
      quality.sides.length === 0
        ? html`<p class="muted tight">${t('staff.quality.none')}</p>`
        : html`<ul class="tight">
            ${quality.sides.map(
              (side) =>
                html`<li data-side=${side.side}>
                  ${t('staff.quality.side', {
                    side: t(`staff.monitor.side.${side.side}` as MessageKey),
                    loss: side.packetLossPercent,
                    rtt: side.roundTripMs,
                    kbps: side.bitrateKbps,
                    freezes: side.freezes,
                    reconnections: side.reconnections,
                  })}
                  ${side.final ? t('staff.quality.final') : nothing}
                </li>`,
            )}
          </ul>`
    }
  </div>`;
}
