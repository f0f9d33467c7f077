import { expect } from '@open-wc/testing';
import { formatDateTime, formatDay, formatTime } from '../../src/i18n/dates.js';

describe('dates', () => {
  it('writes Welsh month and day names whether or not the browser has Welsh data', () => {
    const text = formatDateTime('cy', '2026-12-02T14:00:00Z', {
      dateStyle: 'long',
      timeZone: 'Europe/London',
    });
    expect(text).to.contain('Rhagfyr');
    expect(formatDay('cy', '2026-12-02', 'Europe/London')).to.match(/dydd Mercher/i);
  });

  it('shows times in the prison’s zone, across a clock change', () => {
    expect(formatTime('en', '2026-07-01T13:00:00Z', 'Europe/London')).to.equal('14:00');
    expect(formatTime('en', '2026-12-01T13:00:00Z', 'Europe/London')).to.equal('13:00');
    expect(formatDateTime('en', '2026-12-02T14:00:00Z', { dateStyle: 'long', timeZone: 'UTC' })).to.equal(
      '2 December 2026',
    );
  });
});
