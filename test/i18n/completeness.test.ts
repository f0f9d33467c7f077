import { expect } from '@open-wc/testing';
import {
  bookingJourneyMessages,
  bookingMessages,
  callMessages,
  commonMessages,
  phoneMessages,
  staffMessages,
  visitsMessages,
} from '../../src/i18n/areas.js';
import { bookingRequestsMessages } from '../../src/i18n/booking-requests.js';
import { calendarMessages } from '../../src/i18n/calendar.js';
import { callScreenMessages } from '../../src/i18n/call-screen.js';
import { cy } from '../../src/i18n/cy.js';
import { en } from '../../src/i18n/en.js';
import { loadAreas, registerLocale, translate, type MessageKey } from '../../src/i18n/index.js';

const missingKeys = (table: object) => Object.keys(en).filter((key) => !(key in table));
const AREAS = [
  commonMessages,
  bookingMessages,
  bookingJourneyMessages,
  bookingRequestsMessages,
  calendarMessages,
  visitsMessages,
  staffMessages,
  phoneMessages,
  callMessages,
  callScreenMessages,
];
/** An area's English table (fetched for the areas no first screen shows). */
const english = async (area: (typeof AREAS)[number]) => (typeof area.en === 'function' ? area.en() : area.en);
before(async () => {
  await loadAreas(AREAS, 'cy');
});

describe('translations', () => {
  it('every area has the same keys in English and Welsh, and together they are the whole table', async () => {
    let count = 0;
    for (const area of AREAS) {
      const welsh = await area.others.cy!();
      const table = await english(area);
      expect(Object.keys(welsh).sort()).to.deep.equal(Object.keys(table).sort());
      count += Object.keys(table).length;
    }
    expect(count).to.equal(Object.keys(en).length);
  });

  it('Welsh has every English key', () => {
    expect(missingKeys(cy)).to.deep.equal([]);
  });

  it('no shipped string is empty', () => {
    for (const table of [en, cy]) {
      for (const [key, message] of Object.entries(table)) {
        const forms = typeof message === 'string' ? [message] : (Object.values(message) as string[]);
        for (const form of forms) expect(form.trim(), key).to.not.equal('');
      }
    }
  });

  it('chooses plural forms with Intl.PluralRules, per language', () => {
    expect(translate('en', 'common.minutes', { count: 1 })).to.equal('1 minute');
    expect(translate('en', 'common.minutes', { count: 5 })).to.equal('5 minutes');
    expect(translate('cy', 'common.minutes', { count: 2 })).to.equal('2 funud');
  });

  it('prefers overrides, then the locale, then English', () => {
    expect(translate('cy', 'common.retry')).to.equal('Rhowch gynnig arall arni');
    expect(translate('cy-GB', 'common.retry')).to.equal('Rhowch gynnig arall arni');
    expect(translate('fr', 'common.retry')).to.equal('Try again');
    expect(translate('en', 'common.retry', {}, { 'common.retry': 'Retry now' })).to.equal('Retry now');
    registerLocale('ga', { 'common.retry': 'Bain triail eile as' } as Partial<Record<MessageKey, string>>);
    registerLocale('cy', { 'common.cancel': 'Na' });
    expect(translate('cy', 'common.cancel')).to.equal('Na', 'an integrator’s Welsh wins over the built-in');
    expect(translate('ga', 'common.retry')).to.equal('Bain triail eile as');
    expect(translate('ga', 'common.cancel')).to.equal('Cancel');
  });
});
