// The end screens, shared by <visit-call> and <visit-waiting-room>: what happened, and what happens next.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { VisitEndReason } from '../../core/events/visit-ended.js';
import type { MessageKey, Variables } from '../../i18n/index.js';

export interface EndInfo {
  reason: VisitEndReason;
  /** Staff's reason code (`EndRequest.reason` or the deny reason). */
  staffReason?: string;
  /** Free-text note from staff, shown as given (Lit escapes it). */
  note?: string;
  /** Seconds credited for lost time over the whole visit. */
  creditedSeconds?: number;
  /** The visit's time is not over yet: offer to join again. */
  canRejoin?: boolean;
}

type Translate = (key: MessageKey, variables?: Variables) => string;

const STAFF_END_REASONS = ['behaviour', 'security', 'technical', 'requested', 'other'];
const DENY_REASONS = ['identity-not-confirmed', 'not-on-booking', 'behaviour', 'technical', 'other'];

/** "3 minutes" / "45 seconds" in the person's language. */
export function duration(t: Translate, seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return whole >= 60
    ? t('common.minutes', { count: Math.round(whole / 60) })
    : t('common.seconds', { count: whole });
}

export function endTitle(t: Translate, info: EndInfo, prisoner: boolean): string {
  if (info.reason === 'denied' && prisoner) return t('end.denied.prisonerTitle');
  return t(`end.${info.reason}.title` as MessageKey);
}

export function renderEndScreen(
  t: Translate,
  info: EndInfo,
  options: { prisoner: boolean; bookUrl?: string | undefined; onRejoin?: () => void },
): TemplateResult {
  const { prisoner } = options;
  const reasonText =
    info.reason === 'ended-by-staff' && info.staffReason && STAFF_END_REASONS.includes(info.staffReason)
      ? t(`end.staffReason.${info.staffReason}` as MessageKey)
      : info.reason === 'denied' && info.staffReason && DENY_REASONS.includes(info.staffReason)
        ? t(`end.denyReason.${info.staffReason}` as MessageKey)
        : undefined;
  const body =
    info.reason === 'denied' && prisoner
      ? t('end.denied.prisonerBody')
      : t(`end.${info.reason}.body` as MessageKey);
  const next = t(`end.${info.reason}.${prisoner ? 'nextPrisoner' : 'next'}` as MessageKey);
  const credited = info.creditedSeconds ?? 0;
  return html`<section part="end" class="end" data-reason=${info.reason} aria-labelledby="end-title">
    <h2 id="end-title" tabindex="-1">${endTitle(t, info, prisoner)}</h2>
    <p>${body}</p>
    ${reasonText ? html`<p><strong>${t('end.reasonLabel')}</strong> ${reasonText}</p>` : nothing}
    ${info.note ? html`<p><strong>${t('end.noteLabel')}</strong> ${info.note}</p>` : nothing}
    ${credited > 0 ? html`<p>${t('end.credited', { duration: duration(t, credited) })}</p>` : nothing}
    <h3>${t('end.nextTitle')}</h3>
    <p>${next}</p>
    <div class="button-group">
      ${
        info.canRejoin && options.onRejoin
          ? html`<button type="button" class="button" part="button rejoin" @click=${options.onRejoin}>
              ${t('end.rejoin')}
            </button>`
          : nothing
      }
      ${
        !prisoner && options.bookUrl
          ? html`<a class="button" data-variant="secondary" part="button book" href=${options.bookUrl}
              >${t('end.book')}</a
            >`
          : nothing
      }
    </div>
  </section>`;
}

/** Styles of the end screens (shared by both elements). */
export const endStyles = css`
  .end h2:focus {
    outline: none;
  }
  .end h2:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .end {
    border-left: 6px solid var(--_primary);
    padding-left: calc(var(--_space) * 2);
  }
  .end[data-reason='ended-by-staff'],
  .end[data-reason='denied'],
  .end[data-reason='connection-lost'] {
    border-left-color: var(--_danger);
  }
`;
