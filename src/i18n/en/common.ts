import type { MessageTable } from '../types.js';

export const common = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.continue': 'Continue',
  'common.back': 'Back',
  'common.change': 'Change',
  'common.confirm': 'Confirm',
  'common.signOut': 'Sign out',
  'common.errorSummaryTitle': 'There is a problem',
  'common.networkError': 'We could not reach the visits service. Check your connection and try again.',
  'common.unexpectedError': 'Something went wrong. Try again, or contact the prison if it keeps happening.',
  'common.notConfigured': 'This part of the page is not set up yet: it needs an API address (api-base).',
  'common.signInRequired': 'You need to sign in first.',
  'common.minutes': { one: '{count} minute', other: '{count} minutes' },
  'common.seconds': { one: '{count} second', other: '{count} seconds' },
  'common.visitType.video': 'Video visit',
  'common.visitType.in-person': 'In-person visit',
} satisfies MessageTable;
