import { expect } from '@open-wc/testing';
import {
  addVisitorHasErrors,
  linkDraftFrom,
  linkRequestErrors,
  NEW_VISITOR_FIELDS,
  newVisitorErrors,
  newVisitorFrom,
  parseDateOfBirth,
} from '../../../src/elements/booking/booking-requests-rules.js';

/** The key itself, so each error says which text it would show. */
const t = (key: string) => key;
const TODAY = '2026-12-01';
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('asking the prison to add someone: the rules', () => {
  it('reads a typed date of birth only when it is a real date from 1900 on', () => {
    expect(parseDateOfBirth({ day: '4', month: '6', year: '2015' })).to.equal('2015-06-04');
    expect(parseDateOfBirth({ day: '29', month: '2', year: '2024' })).to.equal('2024-02-29');
    expect(parseDateOfBirth({ day: '29', month: '2', year: '2025' })).to.equal(undefined);
    expect(parseDateOfBirth({ day: '31', month: '4', year: '1990' })).to.equal(undefined);
    expect(parseDateOfBirth({ day: '1', month: '1', year: '1899' })).to.equal(undefined);
    expect(parseDateOfBirth({ day: 'x', month: '1', year: '1990' })).to.equal(undefined);
  });

  it('reads the link form tidied (prison number in capitals without spaces), or the preset prison', () => {
    const fields = {
      prisonCode: 'LEI',
      prisonNumber: ' a12 34bc ',
      firstName: ' Alex ',
      lastName: 'Smith',
      'dob-day': '3',
      'dob-month': '7',
      'dob-year': '1985',
      relationship: 'brother',
    };
    expect(linkDraftFrom(form(fields))).to.deep.equal({
      prisonCode: 'LEI',
      prisonNumber: 'A1234BC',
      firstName: 'Alex',
      lastName: 'Smith',
      day: '3',
      month: '7',
      year: '1985',
      relationship: 'brother',
    });
    expect(linkDraftFrom(form(fields), 'NMI').prisonCode).to.equal('NMI');
    expect(linkRequestErrors(t, linkDraftFrom(form(fields)), TODAY)).to.deep.equal([]);
  });

  it('names every missing or wrong field of the link form, in the order they are on screen', () => {
    const empty = linkDraftFrom(form({}));
    expect(linkRequestErrors(t, empty, TODAY).map((error) => [error.field, error.message])).to.deep.equal([
      ['prisonCode', 'booking.link.prisonMissing'],
      ['prisonNumber', 'booking.link.numberMissing'],
      ['firstName', 'booking.link.firstNameMissing'],
      ['lastName', 'booking.link.lastNameMissing'],
      ['dob-day', 'booking.link.dobMissing'],
      ['relationship', 'booking.link.relationshipMissing'],
    ]);
    const wrong = { ...empty, prisonNumber: '12345', day: '1', month: '12', year: '2026' };
    expect(linkRequestErrors(t, wrong, TODAY).map((error) => error.message)).to.include.members([
      'booking.link.numberInvalid',
      'booking.link.dobFuture',
    ]);
  });

  it('checks a new visitor under the form’s own field ids', () => {
    const visitor = newVisitorFrom(
      form({
        [NEW_VISITOR_FIELDS.firstName]: 'Robin',
        [NEW_VISITOR_FIELDS.lastName]: '',
        'new-visitor-dob-day': '31',
        'new-visitor-dob-month': '2',
        'new-visitor-dob-year': '2015',
        [NEW_VISITOR_FIELDS.relationship]: ' son ',
      }),
    );
    expect(visitor.relationship).to.equal('son');
    expect(newVisitorErrors(t, visitor, TODAY)).to.deep.equal([
      { field: NEW_VISITOR_FIELDS.lastName, message: 'booking.link.lastNameMissing' },
      { field: NEW_VISITOR_FIELDS.dateOfBirth, message: 'booking.link.dobInvalid' },
    ]);
    expect(addVisitorHasErrors(newVisitorErrors(t, visitor, TODAY)), 'its form stays open').to.equal(true);
    expect(addVisitorHasErrors([{ field: 'firstName', message: 'x' }]), 'the link form’s own field').to.equal(
      false,
    );
  });
});
