import type { common as en } from '../en/common.js';
import type { Message } from '../types.js';

export const common: Record<keyof typeof en, Message> = {
  'common.loading': 'Wrthi’n llwytho…',
  'common.retry': 'Rhowch gynnig arall arni',
  'common.cancel': 'Canslo',
  'common.close': 'Cau',
  'common.continue': 'Parhau',
  'common.back': 'Yn ôl',
  'common.change': 'Newid',
  'common.confirm': 'Cadarnhau',
  'common.signOut': 'Allgofnodi',
  'common.errorSummaryTitle': 'Mae problem wedi codi',
  'common.networkError':
    'Nid oeddem yn gallu cysylltu â’r gwasanaeth ymweliadau. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  'common.unexpectedError':
    'Aeth rhywbeth o’i le. Rhowch gynnig arall arni, neu cysylltwch â’r carchar os yw’n dal i ddigwydd.',
  'common.notConfigured':
    'Nid yw’r rhan hon o’r dudalen wedi’i gosod eto: mae angen cyfeiriad API (api-base).',
  'common.signInRequired': 'Mae angen i chi fewngofnodi yn gyntaf.',
  'common.minutes': {
    zero: '{count} munud',
    one: '{count} munud',
    two: '{count} funud',
    few: '{count} munud',
    many: '{count} munud',
    other: '{count} munud',
  },
  'common.seconds': {
    zero: '{count} eiliad',
    one: '{count} eiliad',
    two: '{count} eiliad',
    few: '{count} eiliad',
    many: '{count} eiliad',
    other: '{count} eiliad',
  },
  'common.visitType.video': 'Ymweliad fideo',
  'common.visitType.in-person': 'Ymweliad wyneb yn wyneb',
};
