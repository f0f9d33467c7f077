// The notice on a visit the prison must check after a change it was told about (a transfer, a restriction…):
// a render function of (the reason the controller chose, strings); what the family may do stays on the card.
import { html, nothing } from 'lit';
import type { Visit } from '../../api/family.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import type { ReviewReason } from './my-visits-controller.js';

type Translate = (key: MessageKey, variables?: Variables) => string;

/** "Needs checking: … has moved prison …", labelled so the card's heading points to it. */
export function renderReviewNotice(visit: Visit, reason: ReviewReason | undefined, t: Translate) {
  if (!reason) return nothing;
  const id = `visit-${visit.id}-review`;
  return html`<div class="notice" part="review-notice" id=${id} data-reason=${reason}>
    <p>
      <strong>${t('visits.review.title')}</strong>
      ${t(`visits.review.reason.${reason}`, {
        prisoner: `${visit.prisoner.firstName} ${visit.prisoner.lastName}`,
      })}
    </p>
    <p>${t('visits.review.next')}</p>
  </div>`;
}
